package dev.rocket.stage1.oci;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.AcName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an app's {@code user} and {@code group} against its rendered rootfs in the order aci.md gives: a
 * value starting with {@code /} is the owner of that file in the rootfs; otherwise a name in the image's own
 * {@code /etc/passwd} or {@code /etc/group}; otherwise an all-digit value is the number itself.
 */
public final class RootfsIdentity {

    private final Path rootfs;
    private final AcName app;

    public RootfsIdentity(Path rootfs, AcName app) {
        this.rootfs = rootfs.toAbsolutePath().normalize();
        this.app = app;
    }

    /** The numeric user and groups of {@code spec}. */
    public OciConfig.User resolve(App spec) throws RocketException {
        return new OciConfig.User(uid(spec.user()), gid(spec.group()), spec.supplementaryGids());
    }

    public long uid(String user) throws RocketException {
        return resolve(user, "user", "/etc/passwd", "unix:uid");
    }

    public long gid(String group) throws RocketException {
        return resolve(group, "group", "/etc/group", "unix:gid");
    }

    private long resolve(String value, String field, String database, String ownerAttribute) throws RocketException {
        if (value.startsWith("/")) return owner(value, field, ownerAttribute);
        Optional<Long> named = lookUp(database, value, field);
        if (named.isPresent()) return named.get();
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 10) {
            long id = Long.parseLong(value);
            if (id <= App.MAX_ID) return id;
        }
        throw new RocketException(Kind.NOT_FOUND, field + " \"" + value + "\" of app " + app + " is not in the app's "
                + database + " and is not a number; add it to the image or give a numeric " + (field.equals("user") ? "UID" : "GID"));
    }

    private long owner(String path, String field, String attribute) throws RocketException {
        Path file = inside(path);
        try {
            return ((Number) Files.getAttribute(file, attribute, LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException e) {
            throw new RocketException(Kind.NOT_FOUND, field + " \"" + path + "\" of app " + app
                    + " names a file that does not exist in the app's rootfs; its owner would be used", e);
        }
    }

    /** The entry's third field (the ID) for {@code name} in a passwd-like file of the rootfs. */
    private Optional<Long> lookUp(String database, String name, String field) throws RocketException {
        Path file = inside(database);
        // An image's /etc/passwd may be a symlink; never follow it out of the rootfs onto the host's.
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read " + database + " of app " + app + " to resolve its "
                    + field + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                try {
                    return Optional.of(Long.parseLong(fields[2]));
                } catch (NumberFormatException e) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, field + " \"" + name + "\" of app " + app
                            + " has the ID \"" + fields[2] + "\" in " + database + ", which is not a number", e);
                }
            }
        }
        return Optional.empty();
    }

    private Path inside(String absolute) throws RocketException {
        Path resolved = rootfs.resolve(absolute.substring(1)).normalize();
        if (!resolved.startsWith(rootfs)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "path " + absolute + " of app " + app + " leaves its rootfs");
        }
        return resolved;
    }
}
