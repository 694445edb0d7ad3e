package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.LockTable;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds pods and their states. Pods only ever move forwards through the {@link PodPhase}s, so scanning the
 * phases in that order never misses a pod that moves during the scan; one seen twice keeps the later sighting.
 * A scan costs one directory listing per phase and, per pod, one read of its summary and, for a pod whose lock
 * means something, one {@code stat} against the machine's lock table (read once per scan; see {@link LockStates}).
 */
final class PodLocator {

    private final PodLayout layout;

    PodLocator(PodLayout layout) {
        this.layout = layout;
    }

    /** Every pod, ordered by UUID. */
    List<PodInfo> list() throws RocketException {
        Map<PodUuid, PodInfo> pods = new HashMap<>();
        LockStates locks = new LockStates();
        for (PodPhase phase : PodPhase.values()) {
            for (Path dir : directories(phase)) {
                PodUuid uuid = new PodUuid(UUID.fromString(dir.getFileName().toString()));
                Optional<PodState> state = locks.state(phase, dir);
                if (state.isPresent()) pods.put(uuid, new PodInfo(uuid, state.get(), dir, PodFiles.readSummary(dir)));
            }
        }
        List<PodInfo> sorted = new ArrayList<>(pods.values());
        sorted.sort(BY_UUID);
        return sorted;
    }

    private static final Comparator<PodInfo> BY_UUID = Comparator.comparing(pod -> pod.uuid().value());

    /** The pod {@code uuid} where it is now, if it exists. */
    Optional<PodInfo> find(PodUuid uuid) throws RocketException {
        LockStates locks = new LockStates();
        for (PodPhase phase : PodPhase.values()) {
            Path dir = layout.pod(phase, uuid);
            if (!Files.isDirectory(dir)) continue;
            Optional<PodState> state = locks.state(phase, dir);
            if (state.isPresent()) return Optional.of(new PodInfo(uuid, state.get(), dir, PodFiles.readSummary(dir)));
        }
        return Optional.empty();
    }

    /** The UUIDs of the pods in {@code phase}; other names there (temporary files) are not pods. */
    List<PodUuid> uuids(PodPhase phase) throws RocketException {
        List<PodUuid> uuids = new ArrayList<>();
        for (Path dir : directories(phase)) uuids.add(new PodUuid(UUID.fromString(dir.getFileName().toString())));
        return uuids;
    }

    /** The directories of the pods in {@code phase}, as its listing names them (only UUIDs are pods). */
    private List<Path> directories(PodPhase phase) throws RocketException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.phase(phase))) {
            for (Path entry : entries) {
                if (isUuid(entry.getFileName().toString())) dirs.add(entry);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw PodFailures.of("list the pods in " + layout.phase(phase), e);
        }
        return dirs;
    }

    /**
     * The states of the pods of one scan. Whether a pod's lock is held is read from the machine's {@link LockTable}
     * (read at the first pod that needs it), which needs no native call; where the table cannot tell, the lock is
     * probed ({@link PodLock#probe}). Listing pods that ran thus binds no native function: ~40 ms of a short command.
     */
    private static final class LockStates {
        private Optional<LockTable> table;

        /** The state of the pod at {@code dir} in {@code phase}; empty when it has moved on. */
        Optional<PodState> state(PodPhase phase, Path dir) throws RocketException {
            if (!phase.lockHasMeaning()) return Optional.of(PodState.of(phase, false));
            return held(dir).map(locked -> PodState.of(phase, locked));
        }

        private Optional<Boolean> held(Path dir) throws RocketException {
            if (table == null) table = LockTable.read();
            if (table.isPresent()) {
                try {
                    switch (table.get().exclusivelyHeld(dir)) {
                        case HELD -> { return Optional.of(true); }
                        case FREE -> { return Optional.of(false); }
                        case GONE -> { return Optional.empty(); }
                        case UNSURE -> { } // probed below
                    }
                } catch (IOException e) {
                    // probed below, which reports what is wrong
                }
            }
            try {
                return PodLock.probe(dir);
            } catch (LinuxException e) {
                throw PodFailures.of("probe the lock of pod directory " + dir, e);
            }
        }
    }

    /** Whether pod {@code uuid} exists in any phase, by one {@code stat} per phase in the order pods move. */
    boolean exists(PodUuid uuid) {
        for (PodPhase phase : PodPhase.values()) {
            if (Files.isDirectory(layout.pod(phase, uuid))) return true;
        }
        return false;
    }

    /** The canonical lowercase text form that Rocket names pod directories by; cheaper than a regular expression. */
    static boolean isUuid(String name) {
        if (name.length() != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = name.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }
}
