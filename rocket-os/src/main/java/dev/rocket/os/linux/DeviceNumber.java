package dev.rocket.os.linux;

/**
 * A device number ({@code dev_t}): the major number names the driver, the minor one the device it drives.
 *
 * @param major such as 1 for the memory devices
 * @param minor such as 3 for {@code /dev/null}
 */
public record DeviceNumber(int major, int minor) {

    public DeviceNumber {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers are not negative: " + major + ":" + minor);
        }
    }

    public static DeviceNumber of(int major, int minor) {
        return new DeviceNumber(major, minor);
    }

    /** The device that glibc's encoding {@code dev} stands for, such as {@code st_rdev} or NIO's {@code unix:rdev}. */
    public static DeviceNumber fromDev(long dev) {
        long major = ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
        long minor = ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
        return new DeviceNumber((int) major, (int) minor);
    }

    /** {@code MAJOR:MINOR} as in {@code /proc/self/mountinfo}. */
    public static DeviceNumber parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("a device number is MAJOR:MINOR, not " + text);
        try {
            return new DeviceNumber(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a device number is MAJOR:MINOR in decimal, not " + text, e);
        }
    }

    /** glibc's {@code makedev(major, minor)}. */
    public long dev() {
        long maj = Integer.toUnsignedLong(major);
        long min = Integer.toUnsignedLong(minor);
        return ((maj & 0xfffff000L) << 32) | ((maj & 0xfffL) << 8) | ((min & 0xffffff00L) << 12) | (min & 0xffL);
    }

    /** {@code MAJOR:MINOR}. */
    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
