package dev.rocket.trust;

import dev.rocket.spec.types.AcIdentifier;

/**
 * Which image names a trusted key may sign: every name (a root key) or the names under one prefix.
 */
public sealed interface TrustScope permits TrustScope.Root, TrustScope.Prefix {

    /** Whether a key trusted in this scope may sign an image called {@code imageName}. */
    boolean covers(AcIdentifier imageName);

    static TrustScope root() {
        return Root.INSTANCE;
    }

    static TrustScope prefix(AcIdentifier prefix) {
        return new Prefix(prefix);
    }

    /** Keys trusted for any image name ({@code trustedkeys/root.d}). */
    enum Root implements TrustScope {
        INSTANCE;

        @Override
        public boolean covers(AcIdentifier imageName) {
            return true;
        }

        /** {@code root}, as a user would say it; a root key has no prefix. */
        @Override
        public String toString() {
            return "root";
        }
    }

    /**
     * Keys trusted for the names under a prefix ({@code trustedkeys/prefix.d/<prefix>}). Matching is on whole
     * path components: {@code example.com} covers {@code example.com} and {@code example.com/app/sub}, but
     * neither {@code example.com.evil/app} nor {@code example.co}.
     */
    record Prefix(AcIdentifier prefix) implements TrustScope {

        public Prefix {
            if (prefix == null) throw new IllegalArgumentException("a trust prefix must be given");
        }

        @Override
        public boolean covers(AcIdentifier imageName) {
            String name = imageName.value();
            String value = prefix.value();
            return name.equals(value) || (name.startsWith(value) && name.charAt(value.length()) == '/');
        }

        /** The prefix itself, as given to {@code rkt trust --prefix}. */
        @Override
        public String toString() {
            return prefix.value();
        }
    }
}
