package dev.rocket.os.crypto;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OpenSSL's AES/GCM/NoPadding against the JDK's (SunJCE), the way TLS uses it. Needs libcrypto.so.3. */
class NativeAesGcmTest {

    private final Provider openssl = OpenSslProvider.create().orElseThrow();
    private final Random random = new Random(11);

    @Test
    void encryptsLikeTheJdkAndDecryptsWhatTheJdkEncrypted() throws Exception {
        for (int keyBytes : new int[]{16, 24, 32}) {
            for (int length : new int[]{0, 1, 15, 16, 17, 1000, 16_401}) {
                SecretKeySpec key = new SecretKeySpec(bytes(keyBytes), "AES");
                GCMParameterSpec spec = new GCMParameterSpec(128, bytes(12));
                byte[] aad = bytes(13);
                byte[] plain = bytes(length);

                byte[] expected = cipher("SunJCE", Cipher.ENCRYPT_MODE, key, spec, aad).doFinal(plain);
                byte[] actual = cipher(null, Cipher.ENCRYPT_MODE, key, spec, aad).doFinal(plain);
                assertArrayEquals(expected, actual, keyBytes + "-byte key, " + length + " bytes");

                assertArrayEquals(plain, cipher(null, Cipher.DECRYPT_MODE, key, spec, aad).doFinal(expected));
            }
        }
    }

    @Test
    void decryptsInPlaceThroughByteBuffersAsTlsDoes() throws Exception {
        SecretKeySpec key = new SecretKeySpec(bytes(32), "AES");
        GCMParameterSpec spec = new GCMParameterSpec(128, bytes(12));
        byte[] aad = bytes(5);
        byte[] plain = bytes(16_384);
        byte[] sealed = cipher("SunJCE", Cipher.ENCRYPT_MODE, key, spec, aad).doFinal(plain);

        byte[] record = new byte[sealed.length + 10];
        System.arraycopy(sealed, 0, record, 5, sealed.length);
        ByteBuffer buffer = ByteBuffer.wrap(record, 5, sealed.length);
        ByteBuffer input = buffer.duplicate();
        Cipher decrypt = cipher(null, Cipher.DECRYPT_MODE, key, spec, aad);
        assertEquals(plain.length, decrypt.doFinal(input, buffer));
        assertArrayEquals(plain, Arrays.copyOfRange(record, 5, 5 + plain.length));

        // encryption in place, the output running past the input by the tag
        byte[] out = new byte[plain.length + 16 + 5];
        System.arraycopy(plain, 0, out, 5, plain.length);
        ByteBuffer target = ByteBuffer.wrap(out, 5, plain.length + 16);
        ByteBuffer source = ByteBuffer.wrap(out, 5, plain.length);
        Cipher encrypt = cipher(null, Cipher.ENCRYPT_MODE, new SecretKeySpec(bytes(32), "AES"),
                new GCMParameterSpec(128, bytes(12)), aad);
        Cipher jdk = cipher("SunJCE", Cipher.ENCRYPT_MODE, new SecretKeySpec(lastKey, "AES"),
                new GCMParameterSpec(128, lastIv), aad);
        byte[] expected = jdk.doFinal(plain);
        encrypt.doFinal(source, target);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 5, 5 + expected.length));
    }

    @Test
    void refusesAlteredDataTagsAndAdditionalData() throws Exception {
        SecretKeySpec key = new SecretKeySpec(bytes(16), "AES");
        GCMParameterSpec spec = new GCMParameterSpec(128, bytes(12));
        byte[] aad = bytes(13);
        byte[] sealed = cipher("SunJCE", Cipher.ENCRYPT_MODE, key, spec, aad).doFinal(bytes(100));
        for (int position : new int[]{0, 50, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[position] ^= 1;
            assertThrows(AEADBadTagException.class, () -> cipher(null, Cipher.DECRYPT_MODE, key, spec, aad).doFinal(altered));
        }
        byte[] otherAad = aad.clone();
        otherAad[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> cipher(null, Cipher.DECRYPT_MODE, key, spec, otherAad).doFinal(sealed));
        assertThrows(AEADBadTagException.class,
                () -> cipher(null, Cipher.DECRYPT_MODE, key, spec, aad).doFinal(Arrays.copyOf(sealed, 10)));
    }

    @Test
    void needsANewIvForEachEncryption() throws Exception {
        SecretKeySpec key = new SecretKeySpec(bytes(16), "AES");
        GCMParameterSpec spec = new GCMParameterSpec(128, bytes(12));
        Cipher cipher = cipher(null, Cipher.ENCRYPT_MODE, key, spec, new byte[0]);
        cipher.doFinal(bytes(10));
        assertThrows(IllegalStateException.class, () -> cipher.doFinal(bytes(10)));
        assertThrows(InvalidKeyException.class, () -> cipher.init(Cipher.ENCRYPT_MODE, key, spec));
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, bytes(12)));
        assertEquals(26, cipher.doFinal(bytes(10)).length);
    }

    private byte[] lastKey;
    private byte[] lastIv;

    private Cipher cipher(String provider, int mode, SecretKeySpec key, GCMParameterSpec spec, byte[] aad)
            throws Exception {
        Cipher cipher = provider == null ? Cipher.getInstance("AES/GCM/NoPadding", openssl)
                : Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(mode, key, spec);
        cipher.updateAAD(aad);
        lastKey = key.getEncoded();
        lastIv = spec.getIV();
        return cipher;
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
