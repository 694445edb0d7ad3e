package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.schema.Mount;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.stage0.AppRequest;
import dev.rocket.stage1.isolation.IsolatorFlags;
import dev.rocket.stage1.oci.AppLaunch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The apps of {@code rkt run} and {@code rkt prepare}, as rkt writes them: each image followed by its own flags,
 * then optionally {@code --} and the app's arguments, ended by {@code ---} before the next image.
 *
 * <pre>rkt run IMAGE [--exec=PATH --user=U ...] [-- ARG...] [--- IMAGE ...]</pre>
 */
final class AppArguments {

    static final String ARGUMENTS = "--";
    static final String NEXT_APP = "---";

    private AppArguments() {
    }

    static List<AppRequest> parse(List<String> words) throws RocketException {
        List<AppRequest> apps = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String image = words.get(i++);
            if (image.startsWith("-")) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "expected an image, found " + image
                        + "; pod flags go before the first image, app flags after their image");
            }
            Builder app = new Builder(image);
            while (i < words.size() && !words.get(i).equals(NEXT_APP)) {
                String word = words.get(i++);
                if (word.equals(ARGUMENTS)) {
                    List<String> arguments = new ArrayList<>();
                    while (i < words.size() && !words.get(i).equals(NEXT_APP)) arguments.add(words.get(i++));
                    app.arguments = Optional.of(arguments);
                    break;
                }
                if (!word.startsWith("--")) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "unexpected " + word + " after image " + image
                            + "; separate images with " + NEXT_APP + " and give app arguments after " + ARGUMENTS);
                }
                int equals = word.indexOf('=');
                String flag = equals < 0 ? word : word.substring(0, equals);
                String value;
                if (equals >= 0) {
                    value = word.substring(equals + 1);
                } else if (flag.equals("--readonly-rootfs")) {
                    value = "true";
                } else if (i < words.size()) {
                    value = words.get(i++);
                } else {
                    throw new RocketException(Kind.INVALID_ARGUMENT, flag + " of image " + image + " needs a value");
                }
                app.set(flag, value);
            }
            if (i < words.size() && words.get(i).equals(NEXT_APP)) i++;
            apps.add(app.build());
        }
        return apps;
    }

    /** {@code NAME=VALUE}, as --environment, --set-env and --user-label take it. */
    static EnvironmentVariable variable(String flag, String text) throws RocketException {
        int equals = text.indexOf('=');
        if (equals <= 0) throw new RocketException(Kind.INVALID_ARGUMENT, flag + "=" + text + ": expected NAME=VALUE");
        try {
            return new EnvironmentVariable(EnvironmentVariable.parseName(text.substring(0, equals)), text.substring(equals + 1));
        } catch (SpecException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, flag + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static final class Builder {
        final String image;
        Optional<AcName> name = Optional.empty();
        Optional<String> exec = Optional.empty();
        Optional<List<String>> arguments = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        Optional<List<Long>> supplementaryGids = Optional.empty();
        Optional<String> workingDirectory = Optional.empty();
        final List<EnvironmentVariable> environment = new ArrayList<>();
        final List<Mount> mounts = new ArrayList<>();
        boolean readOnlyRootFs;
        final Map<String, String> annotations = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        Optional<Path> signature = Optional.empty();
        final List<Isolator> isolators = new ArrayList<>();
        boolean capabilities;
        OptionalInt oomScoreAdj = OptionalInt.empty();

        Builder(String image) {
            this.image = image;
        }

        void set(String flag, String value) throws RocketException {
            switch (flag) {
                case "--name" -> name = Optional.of(acName(flag, value));
                case "--exec" -> exec = Optional.of(value);
                case "--user" -> user = Optional.of(nonEmpty(flag, value));
                case "--group" -> group = Optional.of(nonEmpty(flag, value));
                case "--supplementary-gids" -> supplementaryGids = Optional.of(gids(value));
                case "--working-dir" -> {
                    if (!value.startsWith("/")) throw invalid(flag, value, "an absolute path");
                    workingDirectory = Optional.of(value);
                }
                case "--environment" -> environment.add(variable(flag, value));
                case "--mount" -> mounts.add(mount(value));
                case "--readonly-rootfs" -> readOnlyRootFs = bool(flag, value);
                case "--user-annotation" -> put(annotations, flag, value);
                case "--user-label" -> put(labels, flag, value);
                case "--signature" -> signature = Optional.of(Path.of(value));
                case "--caps-retain", "--caps-remove" -> {
                    if (capabilities) {
                        throw new RocketException(Kind.INVALID_ARGUMENT, "--caps-retain and --caps-remove of image " + image
                                + " exclude each other; give one");
                    }
                    capabilities = true;
                    isolators.add(IsolatorFlags.capabilities(value, flag.equals("--caps-retain")));
                }
                case "--seccomp" -> isolators.add(IsolatorFlags.seccomp(value));
                case "--memory" -> isolators.add(IsolatorFlags.memory(value));
                case "--cpu" -> isolators.add(IsolatorFlags.cpu(value));
                case "--oom-score-adjust" -> oomScoreAdj = OptionalInt.of(oomScore(value));
                default -> throw new RocketException(Kind.INVALID_ARGUMENT, "unknown flag " + flag + " for image " + image
                        + "; see rkt run --help");
            }
        }

        AppRequest build() {
            return new AppRequest(image, name, exec, arguments, user, group, supplementaryGids, workingDirectory,
                    environment, mounts, readOnlyRootFs, annotations, labels, signature, isolators, oomScoreAdj);
        }

        private List<Long> gids(String value) throws RocketException {
            List<Long> gids = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    long gid = Long.parseLong(part.strip());
                    if (gid < 0 || gid > 0xFFFF_FFFFL) throw new NumberFormatException();
                    gids.add(gid);
                } catch (NumberFormatException e) {
                    throw invalid("--supplementary-gids", value, "group IDs separated by commas");
                }
            }
            return gids;
        }

        /** {@code volume=NAME,target=PATH}. */
        private Mount mount(String value) throws RocketException {
            Map<String, String> fields = Fields.parse("--mount", value);
            String volume = fields.remove("volume");
            String target = fields.remove("target");
            if (volume == null || target == null || !fields.isEmpty() || !target.startsWith("/")) {
                throw invalid("--mount", value, "volume=NAME,target=ABSOLUTE-PATH");
            }
            return Mount.of(acName("--mount volume", volume), target);
        }

        private void put(Map<String, String> map, String flag, String value) throws RocketException {
            int equals = value.indexOf('=');
            if (equals <= 0) throw invalid(flag, value, "NAME=VALUE");
            map.put(value.substring(0, equals), value.substring(equals + 1));
        }

        private static int oomScore(String value) throws RocketException {
            try {
                int adj = Integer.parseInt(value.strip());
                if (adj >= AppLaunch.OOM_SCORE_ADJ_MIN && adj <= AppLaunch.OOM_SCORE_ADJ_MAX) return adj;
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw invalid("--oom-score-adjust", value, "a whole number from -1000 to 1000");
        }

        private static String nonEmpty(String flag, String value) throws RocketException {
            if (value.isEmpty()) throw invalid(flag, value, "a name, a number or an absolute path");
            return value;
        }

        private static boolean bool(String flag, String value) throws RocketException {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(flag, value, "true or false");
            };
        }
    }

    static AcName acName(String flag, String value) throws RocketException {
        try {
            return AcName.parse(value);
        } catch (SpecException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, flag + "=" + value + ": " + e.getMessage(), e);
        }
    }

    static RocketException invalid(String flag, String value, String expected) {
        return new RocketException(Kind.INVALID_ARGUMENT, flag + "=" + value + ": expected " + expected);
    }
}
