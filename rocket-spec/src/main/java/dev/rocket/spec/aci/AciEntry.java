package dev.rocket.spec.aci;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an image archive as the reader validated it. The content of a regular file is read from
 * {@link AciReader#content()} while this entry is current.
 *
 * @param name       the normalised entry name ({@code manifest}, {@code rootfs}, {@code rootfs/etc/hosts})
 * @param type       what kind of file it is
 * @param mode       permission bits including setuid, setgid and sticky ({@code 07777})
 * @param uid        numeric owner
 * @param gid        numeric group
 * @param userName   owner name recorded in the archive, if any
 * @param groupName  group name recorded in the archive, if any
 * @param modified   modification time
 * @param size       content bytes of a regular file; 0 otherwise
 * @param linkTarget symlink target (verbatim, possibly absolute) or hard-link target (a normalised entry name)
 * @param devMajor   device major number of character and block devices
 * @param devMinor   device minor number of character and block devices
 * @param xattrs     extended attributes by full name ({@code user.foo}, {@code security.capability})
 */
public record AciEntry(String name, Type type, int mode, long uid, long gid, Optional<String> userName,
                       Optional<String> groupName, Instant modified, long size, Optional<String> linkTarget,
                       int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    /** File types an image may hold. */
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    public AciEntry {
        xattrs = Map.copyOf(xattrs);
    }

    /** The entry's path inside the image's root filesystem ({@code /etc/hosts}); {@code /} for {@code rootfs}. */
    public String pathInRootfs() {
        return AciEntryName.pathInRootfs(name);
    }

    public boolean isInRootfs() {
        return !name.equals(AciEntryName.MANIFEST);
    }
}
