package dev.rocket.spec.types;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loops that check names agree with the spec's regular expressions on every short string of a mixed alphabet. */
class FormsTest {

    private static final Pattern AC_NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern AC_IDENTIFIER = Pattern.compile("^[a-z0-9]+([-._~/][a-z0-9]+)*$");
    private static final Pattern IMAGE_ID = Pattern.compile("^sha512-[0-9a-f]{128}$");

    @Test
    void namesAndIdentifiersMatchTheirRegularExpressions() {
        for (String text : everyString("az09-._~/A \n", 5)) {
            assertEquals(AC_NAME.matcher(text).matches(), AcName.isValid(text), () -> "AC Name \"" + text + "\"");
            assertEquals(AC_IDENTIFIER.matcher(text).matches(), AcIdentifier.isValid(text),
                    () -> "AC Identifier \"" + text + "\"");
        }
        assertFalse(AcName.isValid(null));
        assertFalse(AcIdentifier.isValid(null));
    }

    @Test
    void imageIdsMatchTheirRegularExpression() {
        String hex = "0123456789abcdef".repeat(8);
        List<String> candidates = new ArrayList<>(List.of("sha512-" + hex, "sha512-" + hex.substring(1),
                "sha512-" + hex + "0", "sha512-" + hex + "\n", "sha256-" + hex, "sha512" + hex + "0", ""));
        for (char c : "gAF-/ ".toCharArray()) {
            candidates.add("sha512-" + c + hex.substring(1));
            candidates.add("sha512-" + hex.substring(1) + c);
        }
        for (String text : candidates) {
            boolean valid = IMAGE_ID.matcher(text).matches();
            boolean accepted;
            try {
                new ImageId(text);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertEquals(valid, accepted, () -> "image ID \"" + text + "\"");
        }
        assertTrue(IMAGE_ID.matcher("sha512-" + hex).matches());
    }

    private static List<String> everyString(String alphabet, int maxLength) {
        List<String> strings = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) next.add(prefix + c);
            }
            strings.addAll(next);
            previous = next;
        }
        return strings;
    }
}
