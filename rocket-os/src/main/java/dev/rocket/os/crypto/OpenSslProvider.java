package dev.rocket.os.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Optional;

/**
 * A security provider whose SHA-256, SHA-512 and AES/GCM/NoPadding are OpenSSL's ({@code libcrypto.so.3}),
 * called through the FFM API, installed ahead of the JDK's own by {@link #install()}.
 *
 * <p>Why: the launcher runs the JVM with C1 only, for start-up, and C1 has no intrinsics for the JDK's SHA-2, so
 * {@code MessageDigest} hashes ~220 MB/s (SHA-512) and ~140 MB/s (SHA-256) in Java there; a fetch of a 100 MB
 * image hashes it three times (the signature's digest, the image ID, the rendered tree's checksum). OpenSSL's
 * assembly (SHA extensions, AVX2) does the same 4 to 10 times faster whatever the JIT, and with it every caller
 * that asks {@code MessageDigest.getInstance("SHA-512")} (the ACI reader, the blob store, Bouncy Castle's JCA
 * verifier for the OpenPGP signature) gets the fast one without knowing. The same holds for the AES-GCM of TLS
 * records (see {@link NativeAesGcm}), which the JDK's TLS asks for by name. Where the library is missing,
 * nothing is installed and the JDK's algorithms serve as before.
 */
public final class OpenSslProvider extends Provider {

    /** The provider's name, as {@link java.security.MessageDigest#getProvider()} shows it. */
    public static final String NAME = "RocketOpenSSL";

    private static final Object LOCK = new Object();
    private static volatile Boolean installed;
    private static volatile SymbolLookup libcrypto;

    private OpenSslProvider(OpenSsl library) {
        super(NAME, "1.0", "SHA-256, SHA-512 and AES/GCM/NoPadding of the system's OpenSSL libcrypto, through the FFM API");
        putService(new Service(this, "MessageDigest", "SHA-256", NativeSha.Sha256.class.getName(),
                List.of("SHA256", "2.16.840.1.101.3.4.2.1", "OID.2.16.840.1.101.3.4.2.1"), null) {
            @Override
            public Object newInstance(Object parameter) {
                return new NativeSha.Sha256(library);
            }
        });
        putService(new Service(this, "MessageDigest", "SHA-512", NativeSha.Sha512.class.getName(),
                List.of("SHA512", "2.16.840.1.101.3.4.2.3", "OID.2.16.840.1.101.3.4.2.3"), null) {
            @Override
            public Object newInstance(Object parameter) {
                return new NativeSha.Sha512(library);
            }
        });
        putService(new Service(this, "Cipher", "AES/GCM/NoPadding", NativeAesGcm.class.getName(), List.of(), null) {
            @Override
            public Object newInstance(Object parameter) {
                return new NativeAesGcm(Gcm::bound);
            }
        });
    }

    /** AES-GCM's functions, bound when a cipher is first used. */
    private static final class Gcm {
        private static final OpenSslGcm BOUND = new OpenSslGcm(lookup().orElseThrow());

        static OpenSslGcm bound() {
            return BOUND;
        }
    }

    /**
     * Puts OpenSSL's digests first among the security providers of this JVM, once; returns whether they are
     * there (false when libcrypto cannot be loaded, in which case the JDK's serve).
     */
    public static boolean install() {
        Boolean done = installed;
        if (done != null) return done;
        synchronized (LOCK) {
            if (installed == null) {
                Optional<OpenSsl> library = OpenSsl.load();
                library.ifPresent(lib -> Security.insertProviderAt(new OpenSslProvider(lib), 1));
                installed = library.isPresent();
            }
            return installed;
        }
    }

    /**
     * {@link #install()}, then one SHA-256 and one SHA-512 of a byte through it: binding the functions and
     * their first calls spin the FFM stubs (~40-60 ms cold), which a command that hashes images can have done
     * on another thread while it starts. Failures are left to the real use to meet.
     */
    public static void warmUp() {
        try {
            if (install()) {
                MessageDigest.getInstance("SHA-256").digest(new byte[1]);
                MessageDigest.getInstance("SHA-512").digest(new byte[1]);
            }
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // only time was to be saved
        }
    }

    /** The provider on its own, not installed (for tests); empty without libcrypto. */
    public static Optional<Provider> create() {
        return OpenSsl.load().map(OpenSslProvider::new);
    }

    /** Finds libcrypto; package-private so that the digests can share the bound functions. */
    static Optional<SymbolLookup> lookup() {
        if (libcrypto != null) return Optional.of(libcrypto);
        for (String name : List.of("libcrypto.so.3", "libcrypto.so")) {
            try {
                libcrypto = SymbolLookup.libraryLookup(name, Arena.global());
                return Optional.of(libcrypto);
            } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
                // not there, or native access not enabled: try the next, then do without
            }
        }
        return Optional.empty();
    }
}
