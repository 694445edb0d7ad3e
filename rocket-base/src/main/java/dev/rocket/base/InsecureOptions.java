package dev.rocket.base;

import dev.rocket.base.RocketException.Kind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The security checks a user switched off with {@code --insecure-options} (rkt's commands.md). Every escape is
 * named; nothing is off unless asked for.
 */
public final class InsecureOptions {

    /** One security check that can be switched off. */
    public enum Option { HTTP, IMAGE, TLS, PUBKEY, CAPABILITIES, PATHS, SECCOMP }

    private static final Set<Option> ALL_FETCH = EnumSet.of(Option.IMAGE, Option.TLS, Option.HTTP);
    private static final Set<Option> ALL_RUN = EnumSet.of(Option.CAPABILITIES, Option.PATHS, Option.SECCOMP);

    private final Set<Option> disabled;

    private InsecureOptions(Set<Option> disabled) {
        this.disabled = disabled.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(disabled);
    }

    /** Every check on. */
    public static InsecureOptions none() {
        return new InsecureOptions(EnumSet.noneOf(Option.class));
    }

    /** Parses the flag's words: none, http, image, tls, pubkey, capabilities, paths, seccomp, all-fetch, all-run, all. */
    public static InsecureOptions parse(List<String> words) throws RocketException {
        EnumSet<Option> disabled = EnumSet.noneOf(Option.class);
        for (String raw : words) {
            String word = raw.trim().toLowerCase(Locale.ROOT);
            switch (word) {
                case "", "none" -> { }
                case "all-fetch" -> disabled.addAll(ALL_FETCH);
                case "all-run" -> disabled.addAll(ALL_RUN);
                case "all" -> disabled.addAll(EnumSet.allOf(Option.class));
                default -> {
                    Option option = Arrays.stream(Option.values())
                            .filter(o -> o.name().toLowerCase(Locale.ROOT).equals(word)).findFirst()
                            .orElseThrow(() -> new RocketException(Kind.INVALID_ARGUMENT, "--insecure-options: unknown option \""
                                    + raw + "\" (valid: none, http, image, tls, pubkey, capabilities, paths, seccomp, all-fetch, all-run, all)"));
                    disabled.add(option);
                }
            }
        }
        return new InsecureOptions(disabled);
    }

    public boolean allows(Option option) {
        return disabled.contains(option);
    }

    @Override
    public String toString() {
        return disabled.isEmpty() ? "none"
                : disabled.stream().map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
