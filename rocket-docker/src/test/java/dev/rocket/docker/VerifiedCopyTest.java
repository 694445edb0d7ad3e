package dev.rocket.docker;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedCopyTest {

    @TempDir
    Path dir;

    private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void copiesABlobOfTheAnnouncedSizeAndDigest() throws Exception {
        VerifiedCopy.copy(new ByteArrayInputStream(BLOB), Digest.sha256(BLOB), BLOB.length, dir.resolve("blob"), "blob");
        assertEquals("layer bytes", Files.readString(dir.resolve("blob")));
    }

    @Test
    void aBlobLongerThanAnnouncedIsRefusedAndRemoved() {
        RocketException e = assertThrows(RocketException.class, () -> VerifiedCopy.copy(new ByteArrayInputStream(BLOB),
                Digest.sha256(BLOB), 3, dir.resolve("blob"), "blob"));
        assertEquals(RocketException.Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("longer than the 3 bytes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("blob")));
    }

    @Test
    void aBlobWithAnotherDigestIsRefusedAndRemoved() {
        RocketException e = assertThrows(RocketException.class, () -> VerifiedCopy.copy(new ByteArrayInputStream(BLOB),
                Digest.sha256("other".getBytes(StandardCharsets.UTF_8)), BLOB.length, dir.resolve("blob"), "blob"));
        assertEquals(RocketException.Kind.VERIFICATION_FAILED, e.kind());
        assertFalse(Files.exists(dir.resolve("blob")));
    }
}
