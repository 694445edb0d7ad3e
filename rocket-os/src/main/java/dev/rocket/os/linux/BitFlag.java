package dev.rocket.os.linux;

import java.util.Set;

/** A constant that stands for one bit (or a few) of a C flags argument, such as {@code MS_BIND}. */
interface BitFlag {

    /** The bit as the running kernel expects it. */
    long value();

    /** The bits of {@code flags} or'ed together; 0 for none. */
    static long combine(Set<? extends BitFlag> flags) {
        long bits = 0;
        for (BitFlag flag : flags) bits |= flag.value();
        return bits;
    }

    /** {@code MS_BIND|MS_REC} for messages; {@code 0} for none. */
    static String names(Set<? extends Enum<?>> flags) {
        return flags.isEmpty() ? "0" : String.join("|", flags.stream().map(Enum::name).sorted().toList());
    }
}
