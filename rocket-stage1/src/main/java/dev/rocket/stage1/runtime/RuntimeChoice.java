package dev.rocket.stage1.runtime;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.util.Locale;

/** Which OCI runtime a new pod runs its apps in: {@code --oci-runtime}. */
public enum RuntimeChoice {
    /** The one this host runs best (see {@link OciRuntimes#choose}). */
    AUTO,
    RUNC,
    CRUN;

    /** The choice a flag value names: {@code auto}, {@code runc} or {@code crun}. */
    public static RuntimeChoice parse(String value) throws RocketException {
        for (RuntimeChoice choice : values()) {
            if (choice.flagValue().equals(value)) return choice;
        }
        throw new RocketException(Kind.INVALID_ARGUMENT, "--oci-runtime=" + value + ": expected auto, runc or crun");
    }

    /** The value naming it on the command line and in a pod's record. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
