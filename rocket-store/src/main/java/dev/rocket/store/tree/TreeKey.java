package dev.rocket.store.tree;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names a rendered tree: {@code deps-sha512-} and the SHA-512 of the IDs of every layer applied, lowest first
 * (the dependencies as resolved at render time, then the image). An image whose dependencies resolve to other
 * images (a newer import of a dependency named without ID) thus gets another tree.
 */
public record TreeKey(String value) {

    private static final String PREFIX = "deps-sha512-";
    private static final Pattern FORM = Pattern.compile("^deps-sha512-[0-9a-f]{128}$");

    public TreeKey {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tree key (deps-sha512- and 128 hex digits): " + value);
        }
    }

    public static TreeKey parse(String text) throws SpecException {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new SpecException("tree", text, "a tree key is deps-sha512- followed by 128 lowercase hex digits");
        }
        return new TreeKey(text);
    }

    /** The key of the tree rendered from {@code layers}, lowest first. */
    public static TreeKey of(List<ImageId> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a tree has at least one layer");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
        for (ImageId layer : layers) digest.update((layer.value() + "\n").getBytes(StandardCharsets.US_ASCII));
        return new TreeKey(PREFIX + HexFormat.of().formatHex(digest.digest()));
    }

    /** Whether {@code name} (a file name in the tree directory) is a tree key. */
    static boolean isKey(String name) {
        return FORM.matcher(name).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
