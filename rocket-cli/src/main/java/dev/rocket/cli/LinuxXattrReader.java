package dev.rocket.cli;

import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.aci.XattrReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads extended attributes of every namespace through the kernel, without following symlinks:
 * {@code security.capability} carries file capabilities, which the JDK alone cannot see.
 */
public final class LinuxXattrReader implements XattrReader {

    @Override
    public Map<String, byte[]> read(Path file) throws IOException {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String name : Xattrs.list(file)) {
            Xattrs.get(file, name).ifPresent(value -> values.put(name, value));
        }
        return values;
    }
}
