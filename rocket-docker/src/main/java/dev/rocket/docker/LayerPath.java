package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a layer, normalised the way Docker applies layers (a leading {@code /} or {@code ./} is the
 * layer's root) and refused when a {@code ..} component would lead out of the root filesystem.
 */
final class LayerPath {

    private LayerPath() {
    }

    /** The relative, slash-separated path ({@code etc/hosts}); empty for the root itself. */
    static String normalise(String raw, String layer) throws RocketException {
        if (raw.indexOf('\0') >= 0) throw escape(raw, layer);
        StringBuilder path = new StringBuilder();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) throw escape(raw, layer);
            if (!path.isEmpty()) path.append('/');
            path.append(part);
        }
        return path.toString();
    }

    /** A link target inside an archive: {@code ..} steps back within the archive, never out of it. */
    static String collapse(String raw, String archive) throws RocketException {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) throw escape(raw, archive);
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String child(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** The strict ancestors of a path, nearest to the root first ({@code a}, {@code a/b} for {@code a/b/c}). */
    static List<String> ancestors(String path) {
        List<String> ancestors = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            ancestors.add(path.substring(0, slash));
        }
        return ancestors;
    }

    private static RocketException escape(String raw, String layer) {
        return new RocketException(Kind.VERIFICATION_FAILED, "layer " + layer + " has an entry \"" + raw
                + "\" that escapes the root filesystem; the image is refused and nothing was stored");
    }
}
