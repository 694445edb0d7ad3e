package dev.rocket.cli;

import dev.rocket.spec.AppcSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as Maven stamped it, and the appc version implemented. */
public final class BuildInfo {

    private BuildInfo() {
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    public static String appcVersion() {
        return AppcSpec.VERSION;
    }

    /** The lines {@code rkt version} and {@code actool version} print, after their own first line. */
    public static String runtimeLines() {
        return "appc Version: " + appcVersion() + "\n"
                + "Java Version: " + Runtime.version() + "\n"
                + "Java OS/Arch: " + System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch") + "\n";
    }
}
