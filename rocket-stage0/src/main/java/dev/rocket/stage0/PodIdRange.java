package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.PodPhase;
import dev.rocket.stage1.oci.IdMapping;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host user and group IDs of a pod with private users: a block of {@link IdMapping#DEFAULT_SIZE} IDs, in
 * a high range no login user gets, that no other pod of the data directory holds. A pod's block is recorded in
 * its {@code stage1/}{@value #FILE} file; choosing one reads every pod's under a lock of the data directory, so
 * that two pods never get the same block, and a block is free again once gc has deleted its pod.
 */
public final class PodIdRange {

    static final String FILE = "private-users";
    private static final String LOCK = "id-ranges.lck";
    /** The first block starts at 2^30, far above the ranges of login users and of /etc/subuid. */
    static final long FIRST_HOST_ID = 1L << 30;
    static final int BLOCKS = 16_384;

    private PodIdRange() {
    }

    /** Chooses a free block for {@code pod} and records it there. */
    static IdMapping allocate(PodLayout layout, Path pod) throws RocketException {
        try {
            Files.createDirectories(layout.pods());
            try (FileChannel channel = FileChannel.open(layout.pods().resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Set<Long> taken = new HashSet<>();
                // Phases in the order pods move through them: a pod moving on while they are read is still seen.
                for (PodPhase phase : PodPhase.values()) {
                    Path dir = layout.phase(phase);
                    if (!Files.isDirectory(dir)) continue;
                    try (Stream<Path> pods = Files.list(dir)) {
                        for (Path other : pods.toList()) read(other).ifPresent(m -> taken.add(m.hostId()));
                    }
                }
                IdMapping mapping = free(taken).orElseThrow(() -> new RocketException(Kind.UNAVAILABLE, "all " + BLOCKS
                        + " ID ranges for pods with private users are taken; gc the pods that have exited"));
                Files.createDirectories(PodLayout.stage1(pod));
                Files.writeString(PodLayout.stage1(pod).resolve(FILE), mapping.hostId() + " " + mapping.size() + "\n");
                return mapping;
            }
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot choose the pod's ID range: " + e.getMessage(), e);
        }
    }

    /** The lowest block not in {@code taken} (host IDs of the blocks' starts). */
    static Optional<IdMapping> free(Set<Long> taken) {
        for (int block = 0; block < BLOCKS; block++) {
            long hostId = FIRST_HOST_ID + block * IdMapping.DEFAULT_SIZE;
            if (!taken.contains(hostId)) return Optional.of(new IdMapping(hostId, IdMapping.DEFAULT_SIZE));
        }
        return Optional.empty();
    }

    /** The range recorded for {@code pod}; empty for a pod in the host's user namespace. */
    public static Optional<IdMapping> read(Path pod) throws IOException {
        try {
            List<String> fields = List.of(Files.readString(PodLayout.stage1(pod).resolve(FILE)).strip().split(" "));
            return Optional.of(new IdMapping(Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new IOException("the pod's ID range file " + PodLayout.stage1(pod).resolve(FILE) + " is damaged: "
                    + e.getMessage(), e);
        }
    }
}
