package dev.rocket.net;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The networks a running pod joined, as {@code rkt list} and {@code rkt status} show them, in a small file of the
 * pod ({@value #FILE_NAME}) written once its networks are set up: a line per network, {@code NAME IFNAME ADDRESS
 * [GATEWAY]} separated by tabs. {@code rkt list} reads it for every running pod, so it is read without a JSON
 * parser (the full CNI results in {@code networking.json} cost Jackson's object mapper: ~200 ms of a cold list).
 * The attachments read back carry no DNS settings, which neither command shows.
 */
public final class JoinedNetworks {

    static final String FILE_NAME = "networks";

    private JoinedNetworks() {
    }

    /** Writes the file whole (a temp file renamed over it), so a reader never sees half of it. */
    static void save(Path podDir, List<NetworkAttachment> attachments) throws RocketException {
        StringBuilder text = new StringBuilder();
        for (NetworkAttachment attachment : attachments) {
            text.append(attachment.network()).append('\t').append(attachment.ifName()).append('\t').append(attachment.address());
            attachment.gateway().ifPresent(gateway -> text.append('\t').append(gateway));
            text.append('\n');
        }
        Path file = podDir.resolve(FILE_NAME);
        Path temp = podDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot record the pod's networks in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The networks the pod in {@code podDir} joined; for a pod whose networks were set up before this file existed,
     * from its saved CNI results; none when it has neither.
     */
    public static List<NetworkAttachment> read(Path podDir) throws RocketException {
        Path file = podDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // FILE_NAME is a constant: naming it does not load the state class, whose object mapper is the cost
            if (!Files.exists(podDir.resolve(PodNetworkState.FILE_NAME))) return List.of();
            return PodNetworking.attachments(podDir);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            String[] fields = line.split("\t");
            if (fields.length < 3 || fields.length > 4) {
                throw new RocketException(Kind.INTERNAL, file + " is damaged: a line of " + fields.length + " fields");
            }
            attachments.add(new NetworkAttachment(fields[0], fields[1], fields[2],
                    fields.length == 4 ? Optional.of(fields[3]) : Optional.empty(), CniDns.EMPTY));
        }
        return attachments;
    }

    static void delete(Path podDir) throws IOException {
        Files.deleteIfExists(podDir.resolve(FILE_NAME));
    }
}
