package dev.rocket.stage1.isolation;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.isolator.SyscallName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The named groups of syscalls a seccomp isolator may list as wildcards ({@code @rkt/default-blacklist},
 * {@code @docker/default-blacklist}, {@code @docker/default-whitelist}), each kept as a resource file of one
 * syscall per line, and their expansion into plain syscall names.
 */
public final class SyscallGroups {

    public static final String RKT_DEFAULT_BLACKLIST = "@rkt/default-blacklist";
    public static final String DOCKER_DEFAULT_BLACKLIST = "@docker/default-blacklist";
    public static final String DOCKER_DEFAULT_WHITELIST = "@docker/default-whitelist";
    /** rkt's generic whitelist (seccomp-guide.md uses it in retain sets); Rocket serves Docker's list for it. */
    public static final String RKT_DEFAULT_WHITELIST = "@rkt/default-whitelist";

    private static final Map<String, String> RESOURCES = Map.of(
            RKT_DEFAULT_BLACKLIST, "rkt-default-blacklist.txt",
            RKT_DEFAULT_WHITELIST, "docker-default-whitelist.txt",
            DOCKER_DEFAULT_BLACKLIST, "docker-default-blacklist.txt",
            DOCKER_DEFAULT_WHITELIST, "docker-default-whitelist.txt");
    private static final String RUNTIME_MINIMUM = "runtime-minimal-whitelist.txt";

    private SyscallGroups() {
    }

    /** The wildcards Rocket knows besides the spec's {@code @appc.io/all} and {@code @appc.io/empty}. */
    public static Set<String> wildcards() {
        return new TreeSet<>(RESOURCES.keySet());
    }

    /** The syscalls of the group {@code wildcard}. */
    public static SortedSet<String> group(String wildcard) throws RocketException {
        String resource = RESOURCES.get(wildcard);
        if (resource == null) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "unknown seccomp wildcard " + wildcard
                    + "; Rocket knows @appc.io/all, @appc.io/empty, " + String.join(", ", wildcards()));
        }
        return read(resource);
    }

    /** What every retain set gets in addition, so that the runtime can still start the app under the filter. */
    public static SortedSet<String> runtimeMinimum() {
        return read(RUNTIME_MINIMUM);
    }

    /**
     * The plain syscall names of {@code entries}, wildcards expanded. The spec's two wildcards are the caller's
     * to interpret; here {@code @appc.io/empty} adds nothing and {@code @appc.io/all} is refused.
     */
    public static SortedSet<String> expand(Collection<SyscallName> entries) throws RocketException {
        SortedSet<String> names = new TreeSet<>();
        for (SyscallName entry : entries) {
            if (entry.equals(SyscallName.EMPTY)) continue;
            if (entry.equals(SyscallName.ALL)) {
                throw new IllegalArgumentException("@appc.io/all cannot be expanded into syscall names");
            }
            if (entry.isWildcard()) names.addAll(group(entry.value()));
            else names.add(entry.value());
        }
        return names;
    }

    private static SortedSet<String> read(String resource) {
        try (InputStream in = SyscallGroups.class.getResourceAsStream("seccomp/" + resource)) {
            if (in == null) throw new IllegalStateException("missing resource seccomp/" + resource);
            SortedSet<String> names = new TreeSet<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (String line : lines) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
