package dev.rocket.spec.types;

/**
 * The character forms of the spec's names, checked by loops: a fresh JVM runs a regular expression's matcher
 * interpreted, which cost {@code rkt list} and {@code rkt image list} tens of milliseconds per thousand entries.
 */
final class Forms {

    private Forms() {
    }

    /**
     * Whether {@code text} is runs of lowercase ASCII letters and digits joined by single characters of
     * {@code separators}: {@code [a-z0-9]+([SEPARATORS][a-z0-9]+)*}.
     */
    static boolean isSeparated(String text, String separators) {
        if (text == null || text.isEmpty()) return false;
        boolean afterSeparator = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isLowerAlphanumeric(c)) {
                afterSeparator = false;
            } else if (!afterSeparator && separators.indexOf(c) >= 0) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
