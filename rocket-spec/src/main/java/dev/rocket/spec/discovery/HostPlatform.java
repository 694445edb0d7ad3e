package dev.rocket.spec.discovery;

import java.util.Locale;
import java.util.Optional;

/** The appc {@code os} and {@code arch} label values of a platform, from Java's {@code os.name}/{@code os.arch}. */
public final class HostPlatform {

    private HostPlatform() {
    }

    public static Optional<String> os(String javaOsName) {
        String os = javaOsName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return Optional.of("linux");
        if (os.startsWith("freebsd")) return Optional.of("freebsd");
        if (os.startsWith("mac") || os.startsWith("darwin")) return Optional.of("darwin");
        return Optional.empty();
    }

    public static Optional<String> arch(String javaOsArch) {
        return Optional.ofNullable(switch (javaOsArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "aarch64", "arm64" -> "aarch64";
            case "ppc64" -> "ppc64";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "arm" -> "armv7l";
            default -> null;
        });
    }
}
