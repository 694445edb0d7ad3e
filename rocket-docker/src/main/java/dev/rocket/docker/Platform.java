package dev.rocket.docker;

import java.util.Locale;

/** An os/architecture pair in the Go names images use ({@code linux/amd64}). */
record Platform(String os, String architecture) {

    /** The host's: Linux and the JVM's architecture in Go's naming. */
    static Platform host() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return new Platform("linux", switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            default -> arch;
        });
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
