package dev.rocket.stage1.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The host's block devices, by device number: what a block bandwidth or IOPS isolator ("applies to all block
 * devices", ace.md) is written out for, since cgroups throttle per device.
 */
public record BlockDevices(List<Device> devices) {

    private static final Path SYS_BLOCK = Path.of("/sys/block");

    /** A block device's major and minor number. */
    public record Device(long major, long minor) {
        @Override
        public String toString() {
            return major + ":" + minor;
        }
    }

    public BlockDevices {
        devices = devices.stream().sorted(Comparator.comparingLong(Device::major).thenComparingLong(Device::minor))
                .distinct().toList();
    }

    public static BlockDevices none() {
        return new BlockDevices(List.of());
    }

    /** The whole disks of this host, from {@code /sys/block/NAME/dev}. */
    public static BlockDevices ofThisHost() {
        List<Device> devices = new ArrayList<>();
        if (!Files.isDirectory(SYS_BLOCK)) return none();
        try (DirectoryStream<Path> disks = Files.newDirectoryStream(SYS_BLOCK)) {
            for (Path disk : disks) {
                Path dev = disk.resolve("dev");
                if (Files.isRegularFile(dev)) devices.add(parse(Files.readString(dev).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the host's block devices in " + SYS_BLOCK, e);
        }
        return new BlockDevices(devices);
    }

    /** A device number written {@code MAJOR:MINOR}. */
    static Device parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("a device number is MAJOR:MINOR: " + text);
        return new Device(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }
}
