package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Annotation;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.Label;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.UserMap;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.SpecException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image config (Docker's and OCI's share the fields used here) as an image manifest, as docker2aci made
 * it: Entrypoint followed by Cmd as exec, Env, WorkingDir, User kept as written (names are resolved in the
 * image at run time; a missing group is 0 as in docker2aci), ExposedPorts as ports named
 * {@code PORT-PROTOCOL}, Volumes as mount points named {@code volume-PATH}; {@code version}, {@code os} and
 * {@code arch} labels; the original Entrypoint and Cmd and the source kept as {@code appc.io/docker/}
 * annotations.
 */
final class ConfigConverter {

    /** The annotation with the digest of the manifest (or index) the image was converted from. */
    static final String MANIFEST_HASH = "appc.io/docker/manifesthash";

    private static final Map<String, String> APPC_ARCH = Map.of("386", "i386", "arm64", "aarch64", "arm", "armv7l");

    private ConfigConverter() {
    }

    /** The appc name of a Go architecture ({@code arm64} is {@code aarch64}). */
    static String appcArch(String goArch) {
        return APPC_ARCH.getOrDefault(goArch, goArch);
    }

    static ImageManifest convert(ImageNaming naming, JsonNode imageConfig, Digest configDigest) throws RocketException {
        try {
            JsonNode config = imageConfig.path("config");
            List<Label> labels = new ArrayList<>();
            labels.add(Label.of(Labels.VERSION, naming.tag().orElse("latest")));
            String os = imageConfig.path("os").asText("linux");
            labels.add(Label.of(Labels.OS, os.isEmpty() ? "linux" : os));
            String arch = imageConfig.path("architecture").asText("");
            if (!arch.isEmpty()) labels.add(Label.of(Labels.ARCH, appcArch(arch)));
            List<Annotation> annotations = new ArrayList<>();
            annotations.add(Annotation.of("appc.io/docker/registryurl", naming.registry()));
            annotations.add(Annotation.of("appc.io/docker/repository", naming.repository()));
            annotations.add(Annotation.of("appc.io/docker/imageid", configDigest.toString()));
            naming.tag().ifPresent(tag -> annotations.add(Annotation.of("appc.io/docker/tag", tag)));
            naming.digest().ifPresent(d -> annotations.add(Annotation.of(MANIFEST_HASH, d.toString())));
            if (config.has("Entrypoint") && !config.get("Entrypoint").isNull()) {
                annotations.add(Annotation.of("appc.io/docker/entrypoint", config.get("Entrypoint").toString()));
            }
            if (config.has("Cmd") && !config.get("Cmd").isNull()) {
                annotations.add(Annotation.of("appc.io/docker/cmd", config.get("Cmd").toString()));
            }
            ImageManifest manifest = ImageManifest.of(AcIdentifier.parse(naming.acIdentifier()))
                    .withLabels(Labels.parse(labels))
                    .withAnnotations(Annotations.parse(annotations));
            Exec exec = Exec.parse(concat(strings(config.path("Entrypoint")), strings(config.path("Cmd"))));
            if (exec.isEmpty()) return manifest;
            return manifest.withApp(app(config, exec));
        } catch (SpecException e) {
            throw RocketException.invalid("the image config cannot be made an image manifest", e);
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the image config cannot be made an image manifest: "
                    + e.getMessage(), e);
        }
    }

    private static App app(JsonNode config, Exec exec) throws SpecException {
        String user = config.path("User").asText("");
        String group = "0";
        if (user.isEmpty()) {
            user = "0";
        } else if (user.contains(":")) {
            group = user.substring(user.indexOf(':') + 1);
            user = user.substring(0, user.indexOf(':'));
        }
        List<EnvironmentVariable> env = new ArrayList<>();
        for (String entry : strings(config.path("Env"))) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            env.add(new EnvironmentVariable(EnvironmentVariable.parseName(name), equals < 0 ? "" : entry.substring(equals + 1)));
        }
        String workingDir = config.path("WorkingDir").asText("");
        List<Port> ports = new ArrayList<>();
        for (Iterator<String> it = config.path("ExposedPorts").fieldNames(); it.hasNext(); ) {
            String spec = it.next();
            int slash = spec.indexOf('/');
            String number = slash < 0 ? spec : spec.substring(0, slash);
            String protocol = slash < 0 ? "tcp" : spec.substring(slash + 1);
            ports.add(new Port(AcName.sanitize(number + "-" + protocol), protocol, Integer.parseInt(number), 1, false));
        }
        List<MountPoint> mountPoints = new ArrayList<>();
        for (Iterator<String> it = config.path("Volumes").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            mountPoints.add(new MountPoint(AcName.sanitize("volume-" + path), path, false));
        }
        return new App(exec, List.of(), user.isEmpty() ? "0" : user, group.isEmpty() ? "0" : group, List.of(),
                workingDir.isEmpty() ? Optional.empty() : Optional.of(workingDir), Environment.parse(env),
                mountPoints, ports, List.of(), UserMap.NONE, UserMap.NONE);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array.isArray()) array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
