package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A pod volume (pods.md "volumes"). A {@link Kind#HOST} volume bind-mounts an absolute {@code source} directory
 * of the host and may say whether the mount is {@code recursive}; an {@link Kind#EMPTY} volume is a new directory
 * that lives as long as the pod, with a {@code mode}, {@code uid} and {@code gid}. Fields left out stay absent,
 * so that a manifest is written back as it was read; the {@code effective...} methods apply the defaults.
 */
public record Volume(AcName name, Kind kind, Optional<String> source, Optional<Boolean> readOnly,
                     Optional<Boolean> recursive, Optional<String> mode, OptionalInt uid, OptionalInt gid) {

    public static final String DEFAULT_MODE = "0755";

    private static final Pattern MODE = Pattern.compile("^[0-7]{1,5}$");

    /** The kinds of volume. */
    public enum Kind {
        /** A new empty directory owned by the pod. */
        EMPTY("empty"),
        /** A directory of the host, bind-mounted. */
        HOST("host");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public static Kind parse(String text) throws SpecException {
            for (Kind kind : values()) {
                if (kind.wire.equals(text)) return kind;
            }
            throw new SpecException("kind", text, "a volume kind must be \"host\" or \"empty\"");
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    public Volume {
        if (name == null || kind == null) throw new IllegalArgumentException("a volume needs a name and a kind");
        Violation.requireNone(problems(kind, source, recursive, mode, uid, gid));
    }

    public static Volume host(AcName name, String source, boolean readOnly) {
        return new Volume(name, Kind.HOST, Optional.of(source), Optional.of(readOnly), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    public static Volume empty(AcName name) {
        return new Volume(name, Kind.EMPTY, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** Which fields fit which kind, and their forms; paths are the field names ({@code $.source}). */
    public static List<Violation> problems(Kind kind, Optional<String> source, Optional<Boolean> recursive,
                                           Optional<String> mode, OptionalInt uid, OptionalInt gid) {
        List<Violation> problems = new ArrayList<>();
        if (kind == Kind.HOST) {
            if (source.isEmpty()) {
                problems.add(new Violation("$.source", null, "a host volume needs a source: the host directory to mount"));
            } else if (!source.get().startsWith("/")) {
                problems.add(new Violation("$.source", source.get(), "a host volume's source must be an absolute path"));
            }
            String onlyEmpty = "is only allowed for volumes of kind \"empty\"";
            mode.ifPresent(m -> problems.add(new Violation("$.mode", m, "mode " + onlyEmpty)));
            uid.ifPresent(u -> problems.add(new Violation("$.uid", Integer.toString(u), "uid " + onlyEmpty)));
            gid.ifPresent(g -> problems.add(new Violation("$.gid", Integer.toString(g), "gid " + onlyEmpty)));
        } else {
            source.ifPresent(s -> problems.add(new Violation("$.source", s,
                    "an empty volume has no source; use kind \"host\" to mount a host directory")));
            recursive.ifPresent(r -> problems.add(new Violation("$.recursive", r.toString(),
                    "recursive is only allowed for volumes of kind \"host\"")));
            mode.filter(m -> !MODE.matcher(m).matches() || Integer.parseInt(m, 8) > 07777)
                    .ifPresent(m -> problems.add(new Violation("$.mode", m,
                            "a volume mode must be octal permission bits such as \"0755\"")));
            uid.ifPresent(u -> {
                if (u < 0) problems.add(new Violation("$.uid", Integer.toString(u), "a uid must not be negative"));
            });
            gid.ifPresent(g -> {
                if (g < 0) problems.add(new Violation("$.gid", Integer.toString(g), "a gid must not be negative"));
            });
        }
        return problems;
    }

    public boolean effectiveReadOnly() {
        return readOnly.orElse(false);
    }

    /** Whether a host volume is mounted recursively: yes unless it says otherwise, as the specification advises. */
    public boolean effectiveRecursive() {
        return recursive.orElse(true);
    }

    /** The permission bits of an empty volume; {@code 0755} unless given. */
    public int effectiveMode() {
        return Integer.parseInt(mode.orElse(DEFAULT_MODE), 8);
    }

    public int effectiveUid() {
        return uid.orElse(0);
    }

    public int effectiveGid() {
        return gid.orElse(0);
    }
}
