package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageIdPrefixTest {

    private static final ImageId ID = new ImageId(
            "sha512-887890e697d9a0229eff22436def3c436cb4b18f72ac274c8c05427b39539307" + "0".repeat(64));

    @Test
    void aShortPrefixMatchesTheImagesThatStartWithIt() throws SpecException {
        ImageIdPrefix prefix = ImageIdPrefix.parse("sha512-887890e697d9");

        assertTrue(prefix.matches(ID));
        assertFalse(ImageIdPrefix.parse("sha512-887891").matches(ID));
        assertFalse(prefix.isFull());
        assertTrue(ImageIdPrefix.of(ID).isFull());
        assertTrue(ImageIdPrefix.of(ID).matches(ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha512-", "sha512-XYZ", "sha512-ABCDEF", "sha256-abcd", "887890e697d9", "sha512-abc-def"})
    void rejectsWhatIsNotAnImageIdPrefix(String text) {
        SpecException e = assertThrows(SpecException.class, () -> ImageIdPrefix.parse(text));
        assertTrue(e.getMessage().contains("sha512-"), e.getMessage());
    }

    @Test
    void rejectsMoreThan128Digits() {
        assertThrows(SpecException.class, () -> ImageIdPrefix.parse(ID.value() + "0"));
    }

    @Test
    void tellsImageIdsFromNames() {
        assertTrue(ImageIdPrefix.looksLikeImageId("sha512-88"));
        assertFalse(ImageIdPrefix.looksLikeImageId("coreos.com/etcd"));
    }

    @Test
    void aDependencyHashMayBeAPlaceholderThatMatchesNothing() throws SpecException {
        assertEquals("sha512-...", ImageHash.parse("sha512-...").value());
        assertFalse(ImageHash.parse("sha512-...").matches(ID));
        assertTrue(ImageHash.parse("sha512-8878").matches(ID));
        assertEquals(ID, ImageHash.of(ID).imageId().orElseThrow());
        assertThrows(SpecException.class, () -> ImageHash.parse("md5-abc"));
    }
}
