package dev.rocket.trust;

import dev.rocket.spec.SpecException;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fingerprint of an OpenPGP key: 40 hex digits for version 4 keys, 64 for version 6 keys. The wire form,
 * {@link #toString()}, is lowercase hex without spaces; it is also the key's file name in the trust store.
 */
public record KeyFingerprint(String hex) {

    private static final Pattern FORM = Pattern.compile("^([0-9a-f]{40}|[0-9a-f]{64})$");

    public KeyFingerprint {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a lowercase hex OpenPGP fingerprint: " + hex);
        }
    }

    /** Parses untrusted text, accepting the grouped upper-case form gpg and rkt print as well. */
    public static KeyFingerprint parse(String text) throws SpecException {
        String compact = text == null ? "" : text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (!FORM.matcher(compact).matches()) {
            throw new SpecException("fingerprint", text,
                    "an OpenPGP fingerprint must be 40 (version 4 key) or 64 (version 6 key) hex digits");
        }
        return new KeyFingerprint(compact);
    }

    /** The fingerprint of raw fingerprint bytes as Bouncy Castle reports them. */
    static KeyFingerprint of(byte[] fingerprint) {
        return new KeyFingerprint(HexFormat.of().formatHex(fingerprint));
    }

    /** Whether {@code fileName} is in the form the trust store names key files, without parsing it as a key. */
    static boolean isFileName(String fileName) {
        return FORM.matcher(fileName).matches();
    }

    /**
     * The form rkt shows before asking to trust a key: upper-case groups of four digits, with a wider gap in the
     * middle, e.g. {@code B346 E31D E7E3 C6F9 D1D4  603F 4DFB 61BF 26EF 7A14}.
     */
    public String grouped() {
        String upper = hex.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(upper.length() * 5 / 4 + 1);
        int groups = upper.length() / 4;
        for (int g = 0; g < groups; g++) {
            if (g > 0) out.append(g == groups / 2 ? "  " : " ");
            out.append(upper, g * 4, g * 4 + 4);
        }
        return out.toString();
    }

    /** The long key ID gpg shows: the last 16 hex digits (version 4) or the first 16 (version 6), upper case. */
    public String keyId() {
        String id = hex.length() == 40 ? hex.substring(24) : hex.substring(0, 16);
        return id.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return hex;
    }
}
