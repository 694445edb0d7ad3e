package dev.rocket.os.linux;

/** The processor architectures whose Linux constants this package knows. */
enum Arch {
    X86_64,
    AARCH64;

    private static final Arch CURRENT = detect(System.getProperty("os.arch"));

    /** The architecture this JVM runs on. */
    static Arch current() {
        if (CURRENT == null) {
            throw new UnsupportedOperationException("Rocket's system calls support x86_64 and aarch64 Linux, not "
                    + System.getProperty("os.arch"));
        }
        return CURRENT;
    }

    /** {@code value} on x86_64, {@code aarch64Value} on aarch64. */
    static int pick(int x86Value, int aarch64Value) {
        return current() == X86_64 ? x86Value : aarch64Value;
    }

    private static Arch detect(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }
}
