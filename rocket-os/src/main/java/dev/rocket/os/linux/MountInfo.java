package dev.rocket.os.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code /proc/PID/mountinfo}: one mount as the kernel sees it from this mount namespace. Paths and
 * the source are decoded from the kernel's octal escapes ({@code \040} for a space).
 *
 * @param mountId        unique ID of the mount
 * @param parentId       ID of the mount this one sits on
 * @param device         {@code st_dev} of files on this mount
 * @param root           the directory of the file system that appears at the mount point ({@code /} unless a bind
 *                       mount of a subdirectory)
 * @param mountPoint     where the mount is, relative to the process's root
 * @param mountOptions   per-mount options such as {@code rw}, {@code nosuid}
 * @param optionalFields propagation tags such as {@code shared:1}, {@code master:2}; empty for a private mount
 * @param fsType         such as {@code ext4}, {@code tmpfs}, {@code overlay}
 * @param source         file-system specific source such as {@code /dev/vda}, or {@code none}
 * @param superOptions   per-superblock options
 */
public record MountInfo(int mountId, int parentId, DeviceNumber device, String root, Path mountPoint,
                        List<String> mountOptions, List<String> optionalFields, String fsType, String source,
                        List<String> superOptions) {

    public MountInfo {
        mountOptions = List.copyOf(mountOptions);
        optionalFields = List.copyOf(optionalFields);
        superOptions = List.copyOf(superOptions);
    }

    /**
     * Parses one line as the kernel writes it. The kernel is trusted, so a malformed line is a programming error.
     *
     * @throws IllegalArgumentException when the line does not have the fields of mountinfo
     */
    public static MountInfo parse(String line) {
        String[] fields = line.split(" ");
        int separator = Arrays.asList(fields).indexOf("-");
        if (separator < 6 || fields.length < separator + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        try {
            return new MountInfo(
                    Integer.parseInt(fields[0]),
                    Integer.parseInt(fields[1]),
                    DeviceNumber.parse(fields[2]),
                    unescape(fields[3]),
                    Path.of(unescape(fields[4])),
                    options(fields[5]),
                    List.of(fields).subList(6, separator),
                    unescape(fields[separator + 1]),
                    unescape(fields[separator + 2]),
                    separator + 3 < fields.length ? options(fields[separator + 3]) : List.of());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a mountinfo line: " + line, e);
        }
    }

    /** Whether this mount's propagation is shared with a peer group. */
    public boolean isShared() {
        return optionalFields.stream().anyMatch(field -> field.startsWith("shared:"));
    }

    /** The line as the kernel writes it. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder()
                .append(mountId).append(' ').append(parentId).append(' ').append(device).append(' ')
                .append(escape(root)).append(' ').append(escape(mountPoint.toString())).append(' ')
                .append(String.join(",", mountOptions)).append(' ');
        for (String field : optionalFields) line.append(field).append(' ');
        return line.append("- ").append(escape(fsType)).append(' ').append(escape(source)).append(' ')
                .append(String.join(",", superOptions)).toString();
    }

    private static List<String> options(String field) {
        return List.of(field.split(","));
    }

    /** Decodes {@code \NNN} octal escapes as bytes, so that escaped bytes of UTF-8 names come out whole. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) return field;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
        int i = 0;
        while (i < field.length()) {
            if (field.charAt(i) == '\\' && isOctal(field, i + 1)) {
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 4;
            } else {
                int end = field.indexOf('\\', i + 1);
                if (end < 0) end = field.length();
                bytes.writeBytes(field.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) return false;
        for (int i = from; i < from + 3; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '7') return false;
        }
        return true;
    }

    /** The kernel escapes space, tab, newline and backslash. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ' ' -> escaped.append("\\040");
                case '\t' -> escaped.append("\\011");
                case '\n' -> escaped.append("\\012");
                case '\\' -> escaped.append("\\134");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
