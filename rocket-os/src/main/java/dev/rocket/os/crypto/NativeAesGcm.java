package dev.rocket.os.crypto;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * {@code AES/GCM/NoPadding} computed by libcrypto ({@link OpenSslGcm}), for TLS records: under the launcher's
 * C1-only JIT the JDK's AES-GCM runs in Java (no AES-NI or carry-less multiply intrinsics) and an HTTPS download
 * of 100 MB spent ~3 s of CPU on it.
 *
 * <p>Each operation is one TLS record: the data and additional data given between {@code init} and
 * {@code doFinal} are buffered and processed in {@code doFinal}, so that no plaintext is released before its tag
 * is checked (as the JCE requires of GCM decryption). An encryption must be initialised again, with a new IV,
 * before the next one, as the JDK's own enforces for GCM.
 */
final class NativeAesGcm extends CipherSpi {

    private static final int DEFAULT_TAG_BYTES = 16;
    private static final int DEFAULT_IV_BYTES = 12;

    private final Supplier<OpenSslGcm> library;
    private int mode;
    private byte[] key;
    private byte[] iv;
    private int tagBytes;
    private boolean needsInit = true;
    private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    NativeAesGcm(Supplier<OpenSslGcm> library) {
        this.library = library;
    }

    @Override
    protected void engineSetMode(String requested) throws NoSuchAlgorithmException {
        if (!requested.equalsIgnoreCase("GCM")) throw new NoSuchAlgorithmException("only GCM, not " + requested);
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        if (!padding.equalsIgnoreCase("NoPadding")) throw new NoSuchPaddingException("only NoPadding, not " + padding);
    }

    @Override
    protected int engineGetBlockSize() {
        return 16;
    }

    @Override
    protected int engineGetOutputSize(int inputLength) {
        int total = data.size() + inputLength;
        return mode == Cipher.ENCRYPT_MODE ? total + tagBytes : Math.max(total - tagBytes, 0);
    }

    @Override
    protected byte[] engineGetIV() {
        return iv == null ? null : iv.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (iv == null) return null;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("GCM");
            parameters.init(new GCMParameterSpec(tagBytes * 8, iv));
            return parameters;
        } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
            throw new ProviderException("cannot describe the GCM parameters", e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
        if (opmode != Cipher.ENCRYPT_MODE) {
            throw new InvalidKeyException("AES/GCM decryption needs the IV and tag length (GCMParameterSpec)");
        }
        byte[] fresh = new byte[DEFAULT_IV_BYTES];
        (random == null ? new SecureRandom() : random).nextBytes(fresh);
        start(opmode, key, fresh, DEFAULT_TAG_BYTES);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params == null) {
            engineInit(opmode, key, random);
            return;
        }
        if (!(params instanceof GCMParameterSpec gcm)) {
            throw new InvalidAlgorithmParameterException("AES/GCM takes a GCMParameterSpec, not " + params);
        }
        int tagBits = gcm.getTLen();
        if (tagBits < 96 || tagBits > 128 || tagBits % 8 != 0) {
            throw new InvalidAlgorithmParameterException("unsupported GCM tag length: " + tagBits + " bits");
        }
        if (gcm.getIV().length == 0) throw new InvalidAlgorithmParameterException("the GCM IV is empty");
        start(opmode, key, gcm.getIV(), tagBits / 8);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        try {
            engineInit(opmode, key, params == null ? null : params.getParameterSpec(GCMParameterSpec.class), random);
        } catch (InvalidParameterSpecException e) {
            throw new InvalidAlgorithmParameterException("AES/GCM takes GCM parameters", e);
        }
    }

    private void start(int opmode, Key key, byte[] iv, int tagBytes) throws InvalidKeyException {
        if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
            throw new InvalidKeyException("AES/GCM here only encrypts and decrypts (mode " + opmode + ")");
        }
        byte[] bytes = key == null ? null : key.getEncoded();
        if (bytes == null || !key.getAlgorithm().equalsIgnoreCase("AES")
                || bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new InvalidKeyException("AES/GCM needs an AES key of 128, 192 or 256 bits");
        }
        if (opmode == Cipher.ENCRYPT_MODE && Arrays.equals(bytes, this.key) && Arrays.equals(iv, this.iv)) {
            throw new InvalidKeyException("cannot reuse the IV for GCM encryption with the same key");
        }
        this.mode = opmode;
        this.key = bytes;
        this.iv = iv.clone();
        this.tagBytes = tagBytes;
        this.needsInit = false;
        aad.reset();
        data.reset();
    }

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        ready();
        if (data.size() > 0) throw new IllegalStateException("additional data must come before the data in GCM");
        aad.write(src, offset, len);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int offset, int length) {
        ready();
        if (length > 0) data.write(input, offset, length);
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] input, int offset, int length, byte[] output, int outputOffset) {
        engineUpdate(input, offset, length);
        return 0;
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int offset, int length)
            throws IllegalBlockSizeException, BadPaddingException {
        byte[] output = new byte[engineGetOutputSize(input == null ? 0 : length)];
        try {
            int written = engineDoFinal(input, offset, length, output, 0);
            return written == output.length ? output : Arrays.copyOf(output, written);
        } catch (ShortBufferException e) {
            throw new ProviderException("the output size was computed wrong", e);
        }
    }

    @Override
    protected int engineDoFinal(byte[] input, int offset, int length, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        ready();
        if (input != null && length > 0) data.write(input, offset, length);
        byte[] all = data.toByteArray();
        byte[] extra = aad.toByteArray();
        int needed = mode == Cipher.ENCRYPT_MODE ? all.length + tagBytes : all.length - tagBytes;
        if (needed < 0) throw new AEADBadTagException("the input is shorter than the GCM tag");
        if (output == null || outputOffset < 0 || output.length - outputOffset < needed) {
            throw new ShortBufferException("AES/GCM needs " + needed + " bytes of output room");
        }
        try {
            if (mode == Cipher.ENCRYPT_MODE) {
                needsInit = true; // a new IV before the next encryption
                encrypt(all, extra, output, outputOffset);
            } else {
                decrypt(all, extra, output, outputOffset);
            }
        } finally {
            aad.reset();
            data.reset();
        }
        return needed;
    }

    private void encrypt(byte[] plain, byte[] extra, byte[] output, int outputOffset) {
        OpenSslGcm gcm = library.get();
        MemorySegment context = newContext(gcm);
        try {
            begin(gcm, context, 1);
            addAad(gcm, context, extra);
            int[] written = new int[1];
            int done = 0;
            if (plain.length > 0) {
                check("update", (int) gcm.update.invokeExact(context, at(output, outputOffset), MemorySegment.ofArray(written),
                        MemorySegment.ofArray(plain), plain.length));
                done = written[0];
            }
            check("final", (int) gcm.finish.invokeExact(context, at(output, outputOffset + done),
                    MemorySegment.ofArray(written)));
            byte[] tag = new byte[tagBytes];
            check("tag", (int) gcm.control.invokeExact(context, OpenSslGcm.CTRL_GET_TAG, tagBytes, MemorySegment.ofArray(tag)));
            System.arraycopy(tag, 0, output, outputOffset + plain.length, tagBytes);
        } catch (Throwable e) {
            throw failure(e);
        } finally {
            free(gcm, context);
        }
    }

    private void decrypt(byte[] sealed, byte[] extra, byte[] output, int outputOffset) throws AEADBadTagException {
        OpenSslGcm gcm = library.get();
        int length = sealed.length - tagBytes;
        byte[] tag = Arrays.copyOfRange(sealed, length, sealed.length);
        byte[] plain = new byte[length];
        MemorySegment context = newContext(gcm);
        boolean authentic;
        try {
            begin(gcm, context, 0);
            addAad(gcm, context, extra);
            int[] written = new int[1];
            if (length > 0) {
                check("update", (int) gcm.update.invokeExact(context, MemorySegment.ofArray(plain),
                        MemorySegment.ofArray(written), MemorySegment.ofArray(sealed).asSlice(0, length), length));
            }
            check("tag", (int) gcm.control.invokeExact(context, OpenSslGcm.CTRL_SET_TAG, tagBytes, MemorySegment.ofArray(tag)));
            // 1 when the tag matches; 0 when it does not (the plaintext is then discarded)
            authentic = (int) gcm.finish.invokeExact(context, MemorySegment.ofArray(new byte[16]),
                    MemorySegment.ofArray(written)) == 1;
        } catch (Throwable e) {
            throw failure(e);
        } finally {
            free(gcm, context);
        }
        if (!authentic) {
            Arrays.fill(plain, (byte) 0);
            throw new AEADBadTagException("the GCM tag does not match: the data were altered");
        }
        System.arraycopy(plain, 0, output, outputOffset, length);
    }

    private void begin(OpenSslGcm gcm, MemorySegment context, int encrypt) throws Throwable {
        MemorySegment cipher = switch (key.length) {
            case 16 -> (MemorySegment) gcm.aes128.invokeExact();
            case 24 -> (MemorySegment) gcm.aes192.invokeExact();
            default -> (MemorySegment) gcm.aes256.invokeExact();
        };
        check("init", (int) gcm.init.invokeExact(context, cipher, MemorySegment.NULL, MemorySegment.NULL,
                MemorySegment.NULL, encrypt));
        check("IV length", (int) gcm.control.invokeExact(context, OpenSslGcm.CTRL_SET_IVLEN, iv.length, MemorySegment.NULL));
        check("key", (int) gcm.init.invokeExact(context, MemorySegment.NULL, MemorySegment.NULL,
                MemorySegment.ofArray(key), MemorySegment.ofArray(iv), encrypt));
    }

    private static void addAad(OpenSslGcm gcm, MemorySegment context, byte[] extra) throws Throwable {
        if (extra.length == 0) return;
        int[] written = new int[1];
        check("additional data", (int) gcm.update.invokeExact(context, MemorySegment.NULL,
                MemorySegment.ofArray(written), MemorySegment.ofArray(extra), extra.length));
    }

    private static MemorySegment at(byte[] array, int offset) {
        return MemorySegment.ofArray(array).asSlice(offset);
    }

    private static MemorySegment newContext(OpenSslGcm gcm) {
        try {
            MemorySegment context = (MemorySegment) gcm.newContext.invokeExact();
            if (context.equals(MemorySegment.NULL)) throw new ProviderException("OpenSSL could not allocate a cipher context");
            return context;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /** A native call's failure: unchecked ones as they are, the checked ones {@code invokeExact} declares wrapped. */
    private static RuntimeException failure(Throwable e) {
        if (e instanceof RuntimeException unchecked) return unchecked;
        if (e instanceof Error error) throw error;
        return new ProviderException("OpenSSL's AES-GCM failed", e);
    }

    private static void free(OpenSslGcm gcm, MemorySegment context) {
        try {
            gcm.freeContext.invokeExact(context);
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    private void ready() {
        if (needsInit) {
            throw new IllegalStateException(key == null ? "the cipher is not initialised"
                    : "GCM encryption needs a new IV: initialise the cipher again");
        }
    }

    /** OpenSSL's EVP functions return 1 on success. */
    private static void check(String step, int result) {
        if (result != 1) throw new ProviderException("OpenSSL's AES-GCM " + step + " failed (" + result + ")");
    }
}
