package dev.rocket.cli.rkt;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.base.InsecureOptions;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.ImageDiscovery;
import dev.rocket.fetch.MetaDiscovery;
import dev.rocket.fetch.PublicKeyFetcher;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.discovery.DiscoveryRequest;
import dev.rocket.store.ImageReference;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.ConfigLayer;
import dev.rocket.trust.OpenPgpKey;
import dev.rocket.trust.TrustScope;
import dev.rocket.trust.TrustStore;
import dev.rocket.trust.TrustedKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rkt trust}: trust an OpenPGP key for a name prefix (or for every name, with {@code --root}). */
@Command(name = "trust", description = "Trust a key for image verification.")
final class TrustCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Prefix to limit trust to.")
    String prefix;

    @Option(names = "--root", description = "Add a root key from the filesystem, trusted for every name.")
    boolean root;

    @Option(names = "--skip-fingerprint-review", description = "Accept the key without fingerprint confirmation.")
    boolean skipFingerprintReview;

    @Option(names = "--insecure-allow-http", description = "Allow HTTP for key discovery and retrieval.")
    boolean insecureAllowHttp;

    @Parameters(paramLabel = "KEYFILE", description = "Public key files (ascii-armored or binary) or https:// URLs;"
            + " without any, the keys of --prefix are found by discovery (ac-discovery-pubkeys).")
    List<String> keyFiles = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        TrustScope scope = scope();
        if (keyFiles.isEmpty() && root) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--root needs a key file: discovery cannot vouch for every name");
        }
        InsecureOptions insecure = insecure();
        HttpDownloader http = rkt.global().http(insecure);
        List<String> sources = keyFiles.isEmpty() ? discoverKeys(http, insecure) : keyFiles;
        TrustStore store = new TrustStore(rkt.global().trustDirectories());
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader answers = new BufferedReader(new InputStreamReader(rkt.in(), StandardCharsets.UTF_8));
        for (String keyFile : sources) {
            for (OpenPgpKey key : readKeys(keyFile, http)) {
                if (!skipFingerprintReview && !confirmed(out, answers, scope, keyFile, key)) {
                    out.println("Not trusting \"" + keyFile + "\".");
                    out.flush();
                    continue;
                }
                out.println("Trusting \"" + keyFile + "\" for " + describe(scope) + ".");
                TrustedKey added = store.add(scope, key, ConfigLayer.LOCAL);
                out.println("Added " + (root ? "root key" : "key for " + describe(scope)) + " at \"" + added.file() + "\"");
                out.flush();
            }
        }
        return 0;
    }

    private TrustScope scope() throws RocketException {
        if (root && prefix != null) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--root and --prefix exclude each other");
        }
        if (root) return TrustScope.root();
        if (prefix == null) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "say which images the key may sign: --prefix=PREFIX, or --root for all");
        }
        try {
            return TrustScope.prefix(AcIdentifier.parse(prefix));
        } catch (SpecException e) {
            throw RocketException.invalid("--prefix", e);
        }
    }

    /** The key URLs that {@code ac-discovery-pubkeys} names for the prefix. */
    private List<String> discoverKeys(HttpDownloader http, InsecureOptions insecure) throws RocketException {
        FetchEvents events = CommandFetcher.events(spec.commandLine().getErr());
        MetaDiscovery meta = new MetaDiscovery(http, insecure, events);
        ImageDiscovery discovery = ImageDiscovery.forHost(meta, insecure, Optional.empty());
        DiscoveryRequest request = discovery.request(new ImageReference(new AcIdentifier(prefix), new LinkedHashMap<>()));
        return meta.publicKeys(request).endpoints().publicKeys();
    }

    /** The global insecure options, plus plain HTTP for keys with {@code --insecure-allow-http}. */
    private InsecureOptions insecure() throws RocketException {
        List<String> words = new ArrayList<>(rkt.global().insecureOptions);
        if (insecureAllowHttp) words.add("http");
        return InsecureOptions.parse(words);
    }

    private List<OpenPgpKey> readKeys(String keyFile, HttpDownloader http) throws RocketException {
        if (keyFile.startsWith("https://") || keyFile.startsWith("http://")) {
            URI url;
            try {
                url = new URI(keyFile);
            } catch (URISyntaxException e) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + keyFile + "\" is not a valid URL: " + e.getReason());
            }
            return new PublicKeyFetcher(http).fetch(url, insecureAllowHttp);
        }
        try (InputStream in = Files.newInputStream(Path.of(keyFile))) {
            return OpenPgpKey.readAll(in, keyFile);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, "key file " + keyFile + " does not exist");
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot read key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean confirmed(PrintWriter out, BufferedReader answers, TrustScope scope, String keyFile,
                                     OpenPgpKey key) throws RocketException {
        if (scope instanceof TrustScope.Prefix p) out.println("Prefix: \"" + p.prefix() + "\"");
        else out.println("Root key");
        out.println("Key: \"" + keyFile + "\"");
        out.println("GPG key fingerprint is: " + key.fingerprint().grouped());
        for (String userId : key.userIds()) out.println("  " + userId);
        while (true) {
            out.print("Are you sure you want to trust this key (yes/no)? ");
            out.flush();
            String answer;
            try {
                answer = answers.readLine();
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot read the answer: " + e.getMessage(), e);
            }
            if (answer == null) {
                out.println();
                throw new RocketException(Kind.FAILED_PRECONDITION,
                        "no answer to the fingerprint review (standard input closed); use --skip-fingerprint-review to accept without one");
            }
            switch (answer.trim().toLowerCase()) {
                case "yes", "y" -> { return true; }
                case "no", "n" -> { return false; }
                default -> out.println("Please answer yes or no.");
            }
        }
    }

    private static String describe(TrustScope scope) {
        return scope instanceof TrustScope.Prefix p ? "prefix \"" + p.prefix() + "\"" : "all images (root)";
    }
}
