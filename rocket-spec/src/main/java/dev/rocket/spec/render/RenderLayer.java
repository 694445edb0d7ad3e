package dev.rocket.spec.render;

import dev.rocket.spec.types.PathWhitelist;

import java.util.List;

/**
 * One pass of rendering: the image whose {@code rootfs} is applied, and the whitelists that filter it —
 * its own and those of every image above it on the path from the image being rendered (ace.md
 * "Filesystem Setup"). A file is kept only if every non-empty whitelist admits it.
 *
 * @param image      the image applied in this pass
 * @param whitelists the non-empty whitelists along the path, the image's own first
 */
public record RenderLayer<T>(T image, List<PathWhitelist> whitelists) {

    public RenderLayer {
        whitelists = whitelists.stream().filter(w -> !w.isEmpty()).toList();
    }

    /**
     * Whether the file at {@code path} (absolute, inside the rootfs) is kept: it is listed in every whitelist,
     * or is a directory on the way to a listed path.
     */
    public boolean admits(String path, boolean isDirectory) {
        for (PathWhitelist whitelist : whitelists) {
            if (!admittedBy(whitelist, path, isDirectory)) return false;
        }
        return true;
    }

    private static boolean admittedBy(PathWhitelist whitelist, String path, boolean isDirectory) {
        String normal = strip(path);
        for (String listed : whitelist.paths()) {
            String entry = strip(listed);
            if (entry.equals(normal)) return true;
            if (isDirectory && (normal.equals("/") || entry.startsWith(normal + "/"))) return true;
        }
        return false;
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
