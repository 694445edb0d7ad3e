package dev.rocket.os.crypto;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The bound functions of libcrypto's SHA-256 and SHA-512 ({@code SHA256_Init}, {@code _Update}, {@code _Final}
 * and the same for SHA-512: deprecated in OpenSSL 3 but exported, and the shortest path to its assembly).
 * The handles are "critical": they take Java arrays directly (the context lives in a {@code long[]}, the data
 * stays in the caller's {@code byte[]}), without copying, which suits calls that run for microseconds.
 */
final class OpenSsl {

    final MethodHandle sha256Init;
    final MethodHandle sha256Update;
    final MethodHandle sha256Final;
    final MethodHandle sha512Init;
    final MethodHandle sha512Update;
    final MethodHandle sha512Final;

    private OpenSsl(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor init = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        FunctionDescriptor update = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        FunctionDescriptor finish = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        sha256Init = bind(linker, lookup, "SHA256_Init", init);
        sha256Update = bind(linker, lookup, "SHA256_Update", update);
        sha256Final = bind(linker, lookup, "SHA256_Final", finish);
        sha512Init = bind(linker, lookup, "SHA512_Init", init);
        sha512Update = bind(linker, lookup, "SHA512_Update", update);
        sha512Final = bind(linker, lookup, "SHA512_Final", finish);
    }

    /** libcrypto with every function bound, or empty when it or one of them is missing. */
    static Optional<OpenSsl> load() {
        Optional<SymbolLookup> lookup = OpenSslProvider.lookup();
        if (lookup.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new OpenSsl(lookup.get()));
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException
                 | UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    // Binding native functions is what this class is for: the restricted-method warning would only repeat that.
    @SuppressWarnings("restricted")
    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libcrypto has no function " + name));
        return linker.downcallHandle(symbol, descriptor, Linker.Option.critical(true));
    }
}
