package dev.rocket.stage1.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Linux security modules of the host that can label an app: AppArmor with its loaded profiles, and SELinux.
 *
 * @param apparmorProfiles the loaded AppArmor profiles; empty when AppArmor is not enabled
 * @param selinux          whether SELinux is enabled
 */
public record SecurityModules(Optional<Set<String>> apparmorProfiles, boolean selinux) {

    private static final Path APPARMOR_ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
    private static final Path APPARMOR_PROFILES = Path.of("/sys/kernel/security/apparmor/profiles");
    private static final Path SELINUX = Path.of("/sys/fs/selinux/enforce");

    public SecurityModules {
        apparmorProfiles = apparmorProfiles.map(Set::copyOf);
    }

    /** A host with neither module. */
    public static SecurityModules none() {
        return new SecurityModules(Optional.empty(), false);
    }

    /** The modules of this host, from sysfs and securityfs. */
    public static SecurityModules ofThisHost() {
        try {
            boolean apparmor = Files.isRegularFile(APPARMOR_ENABLED)
                    && Files.readString(APPARMOR_ENABLED).strip().equals("Y") && Files.isReadable(APPARMOR_PROFILES);
            return new SecurityModules(apparmor ? Optional.of(parseProfiles(Files.readString(APPARMOR_PROFILES)))
                    : Optional.empty(), Files.exists(SELINUX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read which security modules the host has", e);
        }
    }

    /** Profile names from the lines of securityfs's {@code apparmor/profiles}: {@code NAME (MODE)}. */
    static Set<String> parseProfiles(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.lines().toList()) {
            int mode = line.lastIndexOf(" (");
            if (!line.isBlank()) names.add(mode > 0 ? line.substring(0, mode) : line.strip());
        }
        return names;
    }
}
