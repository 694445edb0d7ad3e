package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;

import java.util.regex.Pattern;

/**
 * An entry of a seccomp isolator's set (ace.md "os/linux/seccomp-remove-set"): either a syscall name such
 * as {@code clock_settime}, or a scoped wildcard such as {@code @appc.io/all} or {@code @rkt/default-blacklist}.
 * The {@code @appc.io/} scope is reserved by the specification, which defines only {@link #ALL} and
 * {@link #EMPTY} in it; wildcards of other scopes belong to implementations and are accepted by their form.
 *
 * @param value the entry as written in the manifest
 */
public record SyscallName(String value) {

    // Declared before ALL and EMPTY: their construction validates against these.
    private static final String APPC_SCOPE = "appc.io";
    private static final int MAX_LENGTH = 128;
    private static final Pattern SYSCALL = Pattern.compile("^[a-z_][a-z0-9_]*$");
    private static final Pattern WILDCARD = Pattern.compile("^@([a-z0-9][a-z0-9._-]*)/([a-z0-9][a-z0-9._-]*)$");

    /** Every syscall; in a retain set it switches filtering off. */
    public static final SyscallName ALL = new SyscallName("@appc.io/all");
    /** No syscall; in a remove set it leaves only the implementation's default blacklist. */
    public static final SyscallName EMPTY = new SyscallName("@appc.io/empty");

    public SyscallName {
        String problem = problem(value);
        if (problem != null) throw new IllegalArgumentException(problem + ": " + value);
    }

    /** Parses untrusted text; the violation has the path {@code $}. */
    public static SyscallName parse(String text) throws SpecException {
        String problem = problem(text);
        if (problem != null) throw new SpecException("$", text, problem);
        return new SyscallName(text);
    }

    private static String problem(String text) {
        if (text == null || text.isEmpty()) return "a syscall name must not be empty";
        if (text.length() > MAX_LENGTH) return "a syscall name must be at most " + MAX_LENGTH + " characters long";
        if (!text.startsWith("@")) {
            return SYSCALL.matcher(text).matches() ? null
                    : "a syscall name is lowercase letters, digits and _ (such as clock_settime), or a wildcard"
                            + " starting with @ (such as @appc.io/all)";
        }
        var wildcard = WILDCARD.matcher(text);
        if (!wildcard.matches()) {
            return "a seccomp wildcard has the form @scope/name in lowercase, such as @appc.io/all"
                    + " or @rkt/default-blacklist";
        }
        if (wildcard.group(1).equals(APPC_SCOPE)
                && !text.equals("@appc.io/all") && !text.equals("@appc.io/empty")) {
            return "the @appc.io/ scope defines only @appc.io/all and @appc.io/empty";
        }
        return null;
    }

    /** Whether this is a scoped wildcard ({@code @scope/name}) rather than a single syscall. */
    public boolean isWildcard() {
        return value.startsWith("@");
    }

    @Override
    public String toString() {
        return value;
    }
}
