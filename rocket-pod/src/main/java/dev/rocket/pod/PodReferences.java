package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns what a user typed into a pod UUID: a full UUID or a prefix of one that matches exactly one pod in any
 * state (as {@code rkt status 66ceb509}), or a {@code --uuid-file} holding a UUID.
 */
final class PodReferences {

    private static final int MOST_CANDIDATES_SHOWN = 10;

    private final PodLocator locator;

    PodReferences(PodLocator locator) {
        this.locator = locator;
    }

    PodUuid resolve(String reference) throws RocketException {
        String wanted = reference == null ? "" : reference.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || !wanted.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + reference
                    + "\" is not a pod UUID or a prefix of one: give hex digits and dashes as rkt list shows them");
        }
        if (PodLocator.isUuid(wanted)) {
            // A whole UUID names at most one pod: look for its directory instead of listing every pod.
            PodUuid uuid = new PodUuid(UUID.fromString(wanted));
            if (locator.exists(uuid)) return uuid;
            throw new RocketException(Kind.NOT_FOUND, "no pod has a UUID starting with \"" + wanted
                    + "\"; rkt list shows the pods there are");
        }
        TreeSet<String> matches = new TreeSet<>();
        for (PodPhase phase : PodPhase.values()) {
            for (PodUuid uuid : locator.uuids(phase)) {
                if (uuid.toString().startsWith(wanted)) matches.add(uuid.toString());
            }
        }
        if (matches.isEmpty()) {
            throw new RocketException(Kind.NOT_FOUND, "no pod has a UUID starting with \"" + wanted
                    + "\"; rkt list shows the pods there are");
        }
        if (matches.size() > 1 && !matches.contains(wanted)) {
            List<String> shown = matches.stream().limit(MOST_CANDIDATES_SHOWN).toList();
            throw new RocketException(Kind.INVALID_ARGUMENT, "pod UUID prefix \"" + wanted + "\" is ambiguous: it matches "
                    + String.join(", ", shown) + (matches.size() > shown.size() ? " and " + (matches.size() - shown.size())
                    + " more" : "") + "; give more digits");
        }
        return new PodUuid(UUID.fromString(matches.size() == 1 ? matches.first() : wanted));
    }

    /** The pod named by the UUID in {@code file} (as {@code rkt run --uuid-file-save} writes it). */
    PodUuid resolveUuidFile(Path file) throws RocketException {
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            throw PodFailures.of("read the pod UUID file " + file, e);
        }
        PodUuid uuid;
        try {
            uuid = PodUuid.parse(text);
        } catch (SpecException e) {
            throw RocketException.invalid("the pod UUID file " + file, e);
        }
        if (locator.find(uuid).isEmpty()) {
            throw new RocketException(Kind.NOT_FOUND, "pod " + uuid + " named in " + file
                    + " does not exist (any more); rkt list shows the pods there are");
        }
        return uuid;
    }
}
