package dev.rocket.os.crypto;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The bound EVP functions of libcrypto's AES-GCM, bound on first use of {@link NativeAesGcm} (a fetch over
 * plain files never pays for them). Every call that takes data is "critical": it takes Java arrays directly.
 */
final class OpenSslGcm {

    static final int CTRL_SET_IVLEN = 0x9;
    static final int CTRL_GET_TAG = 0x10;
    static final int CTRL_SET_TAG = 0x11;

    final MethodHandle newContext;
    final MethodHandle freeContext;
    final MethodHandle aes128;
    final MethodHandle aes192;
    final MethodHandle aes256;
    final MethodHandle init;
    final MethodHandle control;
    final MethodHandle update;
    final MethodHandle finish;

    OpenSslGcm(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        newContext = bind(linker, lookup, "EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS), false);
        freeContext = bind(linker, lookup, "EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS), false);
        aes128 = bind(linker, lookup, "EVP_aes_128_gcm", FunctionDescriptor.of(ADDRESS), false);
        aes192 = bind(linker, lookup, "EVP_aes_192_gcm", FunctionDescriptor.of(ADDRESS), false);
        aes256 = bind(linker, lookup, "EVP_aes_256_gcm", FunctionDescriptor.of(ADDRESS), false);
        // int EVP_CipherInit_ex(ctx, const EVP_CIPHER *type, ENGINE *impl, const unsigned char *key, iv, int enc)
        init = bind(linker, lookup, "EVP_CipherInit_ex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), true);
        // int EVP_CIPHER_CTX_ctrl(ctx, int type, int arg, void *ptr)
        control = bind(linker, lookup, "EVP_CIPHER_CTX_ctrl",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), true);
        // int EVP_CipherUpdate(ctx, unsigned char *out, int *outl, const unsigned char *in, int inl)
        update = bind(linker, lookup, "EVP_CipherUpdate",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), true);
        // int EVP_CipherFinal_ex(ctx, unsigned char *outm, int *outl)
        finish = bind(linker, lookup, "EVP_CipherFinal_ex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), true);
    }

    // Binding native functions is what this class is for: the restricted-method warning would only repeat that.
    @SuppressWarnings("restricted")
    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor,
                                     boolean takesArrays) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libcrypto has no function " + name));
        return takesArrays ? linker.downcallHandle(symbol, descriptor, Linker.Option.critical(true))
                : linker.downcallHandle(symbol, descriptor);
    }
}
