package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;

/**
 * The archive rules for entry names (aci.md "Image Archives"): relative, no {@code ..} components, and
 * only {@code manifest} and {@code rootfs} (with what is below it) at the top. Names are normalised by
 * dropping {@code ./} prefixes, repeated slashes and a trailing slash.
 */
public final class AciEntryName {

    public static final String MANIFEST = "manifest";
    public static final String ROOTFS = "rootfs";

    private AciEntryName() {
    }

    /** The normalised name, or a violation naming the entry as it was written. */
    public static String normalise(String raw) throws SpecException {
        if (raw.isEmpty()) throw new SpecException("entry", raw, "an archive entry must have a name");
        if (raw.indexOf('\0') >= 0) throw new SpecException(raw, raw, "an entry name must not contain NUL");
        if (raw.startsWith("/")) {
            throw new SpecException(raw, raw, "absolute entry names are not allowed in an image archive");
        }
        StringBuilder name = new StringBuilder();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                throw new SpecException(raw, raw, "entry names must not contain \"..\" components");
            }
            if (!name.isEmpty()) name.append('/');
            name.append(part);
        }
        if (name.isEmpty()) throw new SpecException(raw, raw, "the archive's root itself cannot be an entry");
        String normal = name.toString();
        if (!normal.equals(MANIFEST) && !normal.equals(ROOTFS) && !normal.startsWith(ROOTFS + "/")) {
            throw new SpecException(raw, raw, "an image archive may hold only \"manifest\" and \"rootfs\" at its top");
        }
        return normal;
    }

    /** The path of an entry below {@code rootfs}, as seen from inside the image ({@code /etc/hosts}). */
    public static String pathInRootfs(String normalisedName) {
        return normalisedName.equals(ROOTFS) ? "/" : normalisedName.substring(ROOTFS.length());
    }
}
