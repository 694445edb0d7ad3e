package dev.rocket.os.crypto;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs libcrypto.so.3 (Debian package libssl3), as the test machines have; compares with the JDK's digests. */
class OpenSslProviderTest {

    private static final String[] ALGORITHMS = {"SHA-256", "SHA-512"};

    private final Provider openssl = OpenSslProvider.create().orElseThrow();

    @Test
    void hashesLikeTheJdkForEveryLengthAndSlice() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        for (String algorithm : ALGORITHMS) {
            for (int length : new int[]{0, 1, 63, 64, 65, 127, 128, 129, 4096, 300_000}) {
                assertArrayEquals(jdk(algorithm).digest(Arrays.copyOf(data, length)),
                        openSsl(algorithm).digest(Arrays.copyOf(data, length)), algorithm + " of " + length);
            }
            MessageDigest expected = jdk(algorithm);
            MessageDigest actual = openSsl(algorithm);
            // uneven slices at uneven offsets, and single bytes
            for (int offset = 0, step = 1; offset < data.length; offset += step, step = step * 3 % 70_001 + 1) {
                int count = Math.min(step, data.length - offset);
                expected.update(data, offset, count);
                actual.update(data, offset, count);
                expected.update(data[offset]);
                actual.update(data[offset]);
            }
            assertArrayEquals(expected.digest(), actual.digest(), algorithm);
        }
    }

    @Test
    void resetsAfterEachDigestAndClonesMidway() throws Exception {
        for (String algorithm : ALGORITHMS) {
            MessageDigest digest = openSsl(algorithm);
            digest.update("first".getBytes());
            digest.digest();
            assertArrayEquals(jdk(algorithm).digest("abc".getBytes()), digest.digest("abc".getBytes()),
                    "a digest starts afresh after the last one");

            digest.update("common prefix ".getBytes());
            MessageDigest copy = (MessageDigest) digest.clone();
            digest.update("one".getBytes());
            copy.update("two".getBytes());
            assertArrayEquals(jdk(algorithm).digest("common prefix one".getBytes()), digest.digest());
            assertArrayEquals(jdk(algorithm).digest("common prefix two".getBytes()), copy.digest());

            digest.update("dropped".getBytes());
            digest.reset();
            assertArrayEquals(jdk(algorithm).digest(), digest.digest());
        }
    }

    @Test
    void writesIntoABufferAndRefusesBadRanges() throws Exception {
        MessageDigest digest = openSsl("SHA-512");
        assertEquals(64, digest.getDigestLength());
        byte[] out = new byte[70];
        digest.update("x".getBytes());
        assertEquals(64, digest.digest(out, 3, 67));
        assertArrayEquals(jdk("SHA-512").digest("x".getBytes()), Arrays.copyOfRange(out, 3, 67));
        assertThrows(DigestException.class, () -> digest.digest(out, 10, 60));
        assertThrows(IllegalArgumentException.class, () -> digest.update(new byte[4], 2, 3));
    }

    @Test
    void answersTheNamesBouncyCastleAndTheJdkAskFor() throws Exception {
        for (String name : new String[]{"SHA-256", "SHA256", "2.16.840.1.101.3.4.2.1", "SHA-512", "SHA512",
                "2.16.840.1.101.3.4.2.3"}) {
            assertEquals(OpenSslProvider.NAME, MessageDigest.getInstance(name, openssl).getProvider().getName(), name);
        }
    }

    @Test
    void installedFirstServesEveryCallerOnce() throws Exception {
        OpenSslProvider.warmUp(); // installs it, as a fetch's warm-up thread does before the command hashes
        assertTrue(OpenSslProvider.install());
        assertTrue(OpenSslProvider.install(), "a second install is a no-op");
        assertEquals(OpenSslProvider.NAME, MessageDigest.getInstance("SHA-512").getProvider().getName());
        assertEquals(OpenSslProvider.NAME, MessageDigest.getInstance("SHA-256").getProvider().getName());
        assertEquals(1, Arrays.stream(Security.getProviders())
                .filter(p -> p.getName().equals(OpenSslProvider.NAME)).count());
    }

    private static MessageDigest jdk(String algorithm) throws Exception {
        return MessageDigest.getInstance(algorithm, "SUN");
    }

    private MessageDigest openSsl(String algorithm) throws Exception {
        return MessageDigest.getInstance(algorithm, openssl);
    }

    /**
     * A JVM that may not call native code (here: denied native access, as a JVM without
     * {@code --enable-native-access} will be by default) installs nothing and keeps hashing with the JDK's own
     * digests, correctly.
     */
    @Test
    void withoutNativeAccessNothingIsInstalledAndTheJdksDigestsServe() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--illegal-native-access=deny", "-cp", System.getProperty("java.class.path"),
                WithoutNativeAccess.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes()).strip();
        assertEquals(0, child.waitFor(), out);
        String expected = HexFormat.of().formatHex(jdk("SHA-512").digest("rocket".getBytes()));
        assertEquals("installed=false provider=SUN sha512=" + expected, out);
    }

    /** The child JVM of the test above. */
    static final class WithoutNativeAccess {
        public static void main(String[] args) throws Exception {
            OpenSslProvider.warmUp(); // does nothing here, and does not fail
            boolean installed = OpenSslProvider.install();
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            System.out.println("installed=" + installed + " provider=" + digest.getProvider().getName() + " sha512="
                    + HexFormat.of().formatHex(digest.digest("rocket".getBytes())));
        }
    }
}
