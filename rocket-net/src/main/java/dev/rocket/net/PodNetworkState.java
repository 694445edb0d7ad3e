package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.AtomicFile;
import dev.rocket.base.RocketException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What pod networking did to a pod, saved in {@code PODDIR/networking.json}: the container ID and namespace given
 * to the plugins and, per network, the exact plugin configurations sent on ADD and the result. An entry is saved
 * <em>before</em> its ADD runs, so that a teardown after {@code kill -9} in the middle of a setup still runs DEL
 * for it (DEL is idempotent by the CNI specification).
 */
final class PodNetworkState {

    static final String FILE_NAME = "networking.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Path podDir;
    private final ObjectNode root;

    private PodNetworkState(Path file, Path podDir, ObjectNode root) {
        this.file = file;
        this.podDir = podDir;
        this.root = root;
    }

    static Path fileIn(Path podDir) {
        return podDir.resolve(FILE_NAME);
    }

    /**
     * Starts the state of a pod. A namespace file inside the pod directory is saved relative to it, because a
     * pod directory moves between state directories ({@code run}, {@code exited-garbage}, ...) during its life.
     */
    static PodNetworkState create(Path podDir, String containerId, Path netns, List<Path> pluginDirs)
            throws RocketException {
        Path file = fileIn(podDir);
        if (Files.exists(file)) {
            throw new RocketException(RocketException.Kind.FAILED_PRECONDITION, "the networks of the pod in " + podDir
                    + " are already set up (" + file + " exists); tear them down first");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("containerId", containerId);
        ArrayNode dirs = root.putArray("pluginDirs");
        pluginDirs.forEach(dir -> dirs.add(dir.toAbsolutePath().toString()));
        Path absolutePod = podDir.toAbsolutePath().normalize();
        Path absoluteNetns = netns.toAbsolutePath().normalize();
        if (absoluteNetns.startsWith(absolutePod)) {
            root.put("netnsInPod", absolutePod.relativize(absoluteNetns).toString());
        } else {
            root.put("netns", absoluteNetns.toString());
        }
        root.putArray("attachments");
        PodNetworkState state = new PodNetworkState(file, podDir, root);
        state.save();
        return state;
    }

    static Optional<PodNetworkState> load(Path podDir) throws RocketException {
        Path file = fileIn(podDir);
        if (!Files.exists(file)) return Optional.empty();
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (!(node instanceof ObjectNode root) || !root.path("attachments").isArray()) {
                throw new IOException("not a networking state object");
            }
            return Optional.of(new PodNetworkState(file, podDir, root));
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.INTERNAL, "cannot read the pod's network state " + file
                    + ": " + e.getMessage() + "; its networks may need manual cleanup", e);
        }
    }

    String containerId() {
        return root.path("containerId").asText();
    }

    /** The plugin directories the setup used; teardown uses the same plugins whatever the flags are then. */
    List<Path> pluginDirs() {
        List<Path> dirs = new ArrayList<>();
        for (JsonNode dir : root.path("pluginDirs")) dirs.add(Path.of(dir.asText()));
        return dirs;
    }

    /** The namespace file relative to the pod directory, or null when it is outside (then {@link #netns}). */
    String netnsInPod() {
        return root.hasNonNull("netnsInPod") ? root.get("netnsInPod").asText() : null;
    }

    String netns() {
        if (root.hasNonNull("netnsInPod")) {
            return podDir.toAbsolutePath().normalize().resolve(root.get("netnsInPod").asText()).toString();
        }
        return root.path("netns").asText();
    }

    /** Records that a network is about to be joined; returns its entry to complete with {@link #added}. */
    ObjectNode adding(String network, String ifName, String cniArgs, List<ObjectNode> plugins) throws RocketException {
        ObjectNode entry = attachmentsNode().addObject();
        entry.put("network", network);
        entry.put("ifName", ifName);
        entry.put("cniArgs", cniArgs);
        ArrayNode pluginArray = entry.putArray("plugins");
        plugins.forEach(pluginArray::add);
        save();
        return entry;
    }

    void added(ObjectNode entry, JsonNode result) throws RocketException {
        entry.set("result", result);
        save();
    }

    List<ObjectNode> entries() {
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode entry : attachmentsNode()) entries.add((ObjectNode) entry);
        return entries;
    }

    void remove(ObjectNode entry) throws RocketException {
        ArrayNode attachments = attachmentsNode();
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i) == entry) {
                attachments.remove(i);
                break;
            }
        }
        save();
    }

    void delete() throws RocketException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private ArrayNode attachmentsNode() {
        return (ArrayNode) root.get("attachments");
    }

    private void save() throws RocketException {
        try {
            AtomicFile.write(file, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE,
                    "cannot save the pod's network state " + file + ": " + e.getMessage(), e);
        }
    }
}
