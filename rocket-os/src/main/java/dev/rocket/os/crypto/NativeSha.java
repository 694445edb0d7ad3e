package dev.rocket.os.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.security.DigestException;
import java.security.MessageDigestSpi;
import java.security.ProviderException;

/**
 * A SHA-2 digest computed by libcrypto ({@link OpenSsl}). The C context ({@code SHA256_CTX}, 112 bytes, or
 * {@code SHA512_CTX}, 216 bytes, plain numbers without pointers) lives in a Java {@code long[]} that is passed to
 * each call, so it needs no native memory, no cleaner, and a clone is a copy of the array.
 */
abstract sealed class NativeSha extends MessageDigestSpi implements Cloneable permits NativeSha.Sha256, NativeSha.Sha512 {

    /** Room for either context, 8-byte aligned as their 64-bit fields want. */
    private static final int CONTEXT_LONGS = 32;

    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle finish;
    private final int length;
    private long[] context = new long[CONTEXT_LONGS];

    NativeSha(MethodHandle init, MethodHandle update, MethodHandle finish, int length) {
        this.init = init;
        this.update = update;
        this.finish = finish;
        this.length = length;
        reset();
    }

    static final class Sha256 extends NativeSha {
        Sha256(OpenSsl library) {
            super(library.sha256Init, library.sha256Update, library.sha256Final, 32);
        }
    }

    static final class Sha512 extends NativeSha {
        Sha512(OpenSsl library) {
            super(library.sha512Init, library.sha512Update, library.sha512Final, 64);
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return length;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[]{input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int count) {
        if (count == 0) return;
        if (offset < 0 || count < 0 || offset > input.length - count) {
            throw new ArrayIndexOutOfBoundsException("offset " + offset + " and length " + count
                    + " do not fit an array of " + input.length);
        }
        check("update", invoke(update, MemorySegment.ofArray(context),
                MemorySegment.ofArray(input).asSlice(offset, count), count));
    }

    @Override
    protected byte[] engineDigest() {
        byte[] digest = new byte[length];
        check("final", invokeFinal(MemorySegment.ofArray(digest)));
        reset();
        return digest;
    }

    @Override
    protected int engineDigest(byte[] buffer, int offset, int room) throws DigestException {
        if (room < length || offset < 0 || offset > buffer.length - length) {
            throw new DigestException("the digest needs " + length + " bytes of room at offset " + offset);
        }
        byte[] digest = engineDigest();
        System.arraycopy(digest, 0, buffer, offset, length);
        return length;
    }

    @Override
    protected final void engineReset() {
        reset();
    }

    private void reset() {
        try {
            check("init", (int) init.invokeExact(MemorySegment.ofArray(context)));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ProviderException("OpenSSL's SHA init failed", e);
        }
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        NativeSha copy = (NativeSha) super.clone();
        copy.context = context.clone();
        return copy;
    }

    private static int invoke(MethodHandle handle, MemorySegment context, MemorySegment data, long count) {
        try {
            return (int) handle.invokeExact(context, data, count);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ProviderException("OpenSSL's SHA update failed", e);
        }
    }

    private int invokeFinal(MemorySegment digest) {
        try {
            return (int) finish.invokeExact(digest, MemorySegment.ofArray(context));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ProviderException("OpenSSL's SHA final failed", e);
        }
    }

    /** OpenSSL's SHA functions return 1 on success. */
    private static void check(String step, int result) {
        if (result != 1) throw new ProviderException("OpenSSL's SHA " + step + " returned " + result);
    }
}
