package dev.rocket.docker;

import dev.rocket.base.DirectoryDeletion;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.TrustAll;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.Label;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.CacheValidators;
import dev.rocket.store.index.ImageRecord;

import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.Signer;

import javax.net.ssl.SSLContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rkt fetch} of Docker and OCI images ({@code docker://}, {@code oci:}, {@code oci-archive:},
 * {@code docker-archive:}): the image's manifests and blobs are fetched into a working directory under the
 * store's {@code cas/tmp}, each checked against its digest, converted into one ACI, checked against the
 * archive rules, and only then stored like any ACI; a failure stores nothing and the working directory goes.
 * Such images carry no appc signature: a registry image needs a trusted simple-signing signature in its
 * registry's lookaside store (checked before any blob is fetched), anything else {@code --insecure-options=image}.
 */
public final class DockerFetcher {

    /** Below {@code cas}: the working directories of fetches in progress. */
    public static final String WORK_DIRECTORY = "docker-tmp";

    private final ImageStore store;
    private final InsecureOptions insecure;
    private final FetchEvents events;
    private final HttpClient http;
    private final Map<String, Credentials> credentials;
    private final Platform platform;
    private final SignaturePolicy signatures;

    /**
     * Where the simple-signing signatures of each registry's images are ({@code file://} or
     * {@code http(s)://} lookaside base URLs by registry host), and the verifier of their keys.
     */
    public record SignaturePolicy(Optional<SignatureVerifier> verifier, Map<String, URI> lookaside) {
        public static final SignaturePolicy NONE = new SignaturePolicy(Optional.empty(), Map.of());

        public SignaturePolicy {
            lookaside = Map.copyOf(lookaside);
        }

        Optional<URI> lookasideFor(String registry) {
            return verifier.isEmpty() ? Optional.empty() : Optional.ofNullable(lookaside.get(registry));
        }
    }

    /**
     * @param tls         trust for registries' certificates; empty for the system's (or none checked with
     *                    {@code --insecure-options=tls})
     * @param credentials user and password by registry host ({@code quay.io}, {@code 127.0.0.1:5000})
     */
    public DockerFetcher(ImageStore store, InsecureOptions insecure, FetchEvents events, Optional<SSLContext> tls,
                         Map<String, Credentials> credentials) throws RocketException {
        this(store, insecure, events, tls, credentials, SignaturePolicy.NONE, Platform.host());
    }

    public DockerFetcher(ImageStore store, InsecureOptions insecure, FetchEvents events, Optional<SSLContext> tls,
                         Map<String, Credentials> credentials, SignaturePolicy signatures) throws RocketException {
        this(store, insecure, events, tls, credentials, signatures, Platform.host());
    }

    DockerFetcher(ImageStore store, InsecureOptions insecure, FetchEvents events, Optional<SSLContext> tls,
                  Map<String, Credentials> credentials, SignaturePolicy signatures, Platform platform) throws RocketException {
        this.signatures = signatures;
        this.store = store;
        this.insecure = insecure;
        this.events = events;
        this.http = RegistryClient.defaultHttpClient(tls.isPresent() || !insecure.allows(Option.TLS) ? tls
                : Optional.of(TrustAll.context()));
        this.credentials = Map.copyOf(credentials);
        this.platform = platform;
    }

    /** Whether this fetcher is the one for {@code argument}. */
    public static boolean handles(String argument) {
        return ImageSource.matches(argument);
    }

    public ImageRecord fetch(String argument, PullPolicy policy) throws RocketException {
        ImageSource source = ImageSource.parse(argument);
        Optional<ImageRecord> stored = Optional.empty();
        if (source instanceof ImageSource.Registry registry) {
            stored = store.byOrigin(registry.origin());
            if (stored.isPresent() && policy != PullPolicy.UPDATE) {
                store.touch(stored.get().id());
                return stored.get();
            }
            if (policy == PullPolicy.NEVER) {
                throw new RocketException(Kind.NOT_FOUND, argument + " is not in the store and --pull-policy=never forbids fetching it");
            }
        }
        boolean signed = source instanceof ImageSource.Registry r && signatures.lookasideFor(r.reference().registry()).isPresent();
        if (!insecure.allows(Option.IMAGE) && !signed) {
            throw new RocketException(Kind.VERIFICATION_FAILED, argument + " is a Docker or OCI image, which carries no"
                    + " appc signature and has no signature store configured; fetch it with --insecure-options=image"
                    + " if you trust its source");
        }
        events.info("fetching image from " + argument);
        if (insecure.allows(Option.IMAGE)) events.warning("image signature verification has been disabled");
        Path work = workDirectory();
        try {
            Optional<ImageContent> content = content(source, work, stored);
            if (content.isEmpty()) {
                events.info("the registry serves the same manifest as the stored image; nothing to download");
                store.touch(stored.orElseThrow().id());
                return store.get(stored.get().id());
            }
            AciConverter.Converted converted = AciConverter.convert(content.get(), work.resolve("image.aci"));
            return store(converted, source);
        } finally {
            try {
                DirectoryDeletion.delete(work);
            } catch (IOException e) {
                events.warning("cannot remove the working directory " + work + ": " + e.getMessage());
            }
        }
    }

    /** The image's content; empty when the registry serves the manifest {@code stored} was made from. */
    private Optional<ImageContent> content(ImageSource source, Path work, Optional<ImageRecord> stored) throws RocketException {
        return Optional.ofNullable(switch (source) {
            case ImageSource.Registry registry -> {
                DockerReference ref = registry.reference();
                RegistryClient client = new RegistryClient(http, ref.registry(), ref.repository(),
                        insecure.allows(Option.HTTP), Optional.ofNullable(credentials.get(ref.registry())));
                RegistryClient.Manifest top = client.manifest(ref.reference());
                if (!insecure.allows(Option.IMAGE)) verifySignature(ref, top);
                Digest digest = ref.digest().orElseGet(() -> Digest.sha256(top.bytes()));
                if (stored.isPresent() && madeFrom(stored.get(), digest)) yield null;
                ImageNaming naming = new ImageNaming(ref.registry(), ref.repository(), ref.tag(), Optional.of(digest));
                yield new ManifestResolver(client, platform, work, events::info).resolve(top.bytes(), top.mediaType(), naming);
            }
            case ImageSource.OciLayout layout -> fromLayout(layout.directory(), layout.reference(), work,
                    layout.directory().toAbsolutePath().normalize().getFileName().toString());
            case ImageSource.OciArchive archive -> {
                Path unpacked = subdirectory(work, "layout");
                requireFile(archive.file());
                ArchiveUnpacker.unpack(archive.file(), unpacked);
                yield fromLayout(unpacked, archive.reference(), work, baseName(archive.file()));
            }
            case ImageSource.DockerArchive archive -> {
                Path unpacked = subdirectory(work, "archive");
                requireFile(archive.file());
                Map<String, String> links = ArchiveUnpacker.unpack(archive.file(), unpacked);
                yield DockerArchiveSource.read(unpacked, links, archive.reference(), archive.file().toString());
            }
        });
    }

    private boolean madeFrom(ImageRecord record, Digest manifest) throws RocketException {
        try (InputStream in = store.openBlob(record.id())) {
            ImageManifest stored = AciReader.manifestOf(in);
            // an index serves every platform under one digest: the stored image must be this host's
            return stored.annotations().get(ConfigConverter.MANIFEST_HASH).filter(manifest.toString()::equals).isPresent()
                    && stored.labels().get("arch").filter(ConfigConverter.appcArch(platform.architecture())::equals).isPresent();
        } catch (SpecException | IOException e) {
            return false;
        }
    }

    /** Before any blob is fetched: a trusted simple-signing signature must name the manifest served. */
    private void verifySignature(DockerReference ref, RegistryClient.Manifest top) throws RocketException {
        Digest digest = ref.digest().orElseGet(() -> Digest.sha256(top.bytes()));
        URI lookaside = signatures.lookasideFor(ref.registry()).orElseThrow();
        Signer signer = new SimpleSigningVerifier(signatures.verifier().orElseThrow())
                .verify(ref, digest, new SignatureLookaside(lookaside, http).signatures(ref.repository(), digest));
        events.info("signature verified:\n  " + String.join("\n  ", signer.userIds()));
    }

    private ImageContent fromLayout(Path directory, Optional<String> reference, Path work, String name) throws RocketException {
        OciLayoutSource layout = new OciLayoutSource(directory);
        ImageNaming naming = new ImageNaming("", name, reference, Optional.empty());
        ManifestResolver resolver = new ManifestResolver(layout, platform, work, events::info);
        RegistryClient.Manifest top = layout.top(reference, resolver, naming);
        return resolver.resolve(top.bytes(), top.mediaType(), naming);
    }

    private ImageRecord store(AciConverter.Converted converted, ImageSource source) throws RocketException {
        ImageManifest manifest = converted.manifest();
        Map<AcIdentifier, String> labels = new LinkedHashMap<>();
        for (Label label : manifest.labels().list()) labels.put(label.name(), label.value());
        ImageRecordInfo info = ImageRecordInfo.of(manifest.name(), labels).expecting(converted.id());
        if (source instanceof ImageSource.Registry registry) info = info.fetchedFrom(registry.origin(), CacheValidators.NONE);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(converted.aci()), 1 << 16)) {
            return store.get(store.write(in, info));
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + converted.aci() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh directory under {@code cas/docker-tmp} (not {@code cas/tmp}, which the store empties whenever no
     * ingest holds its lock); ones left by a killed fetch are removed once a day old.
     */
    private Path workDirectory() throws RocketException {
        Path parent = store.layout().cas().resolve(WORK_DIRECTORY);
        try {
            Files.createDirectories(parent);
            removeStale(parent);
            return Files.createTempDirectory(parent, "docker-");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create a working directory in " + parent
                    + ": " + e.getMessage(), e);
        }
    }

    private void removeStale(Path parent) throws IOException {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "docker-*")) {
            for (Path entry : entries) {
                if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(dayAgo)) {
                    DirectoryDeletion.delete(entry);
                }
            }
        }
    }

    private static Path subdirectory(Path work, String name) throws RocketException {
        try {
            return Files.createDirectory(work.resolve(name));
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create " + work.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static void requireFile(Path file) throws RocketException {
        if (!Files.isRegularFile(file)) throw new RocketException(Kind.NOT_FOUND, "image archive " + file + " does not exist");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
