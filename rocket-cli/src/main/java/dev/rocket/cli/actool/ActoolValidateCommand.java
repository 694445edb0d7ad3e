package dev.rocket.cli.actool;

import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.ImageLayout;
import dev.rocket.spec.Violation;
import dev.rocket.spec.schema.Manifest;
import dev.rocket.spec.types.AcKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actool validate}: checks image archives, image layouts (a directory with {@code manifest} and
 * {@code rootfs}) and manifests against the specification, printing every problem of every file.
 */
@Command(name = "validate", description = "Validate that images or manifests meet the App Container specification.")
final class ActoolValidateCommand implements Callable<Integer> {

    /** The exit code when at least one file is not valid. */
    static final int EXIT_INVALID = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE", description = "appimage, layout or manifest; detected when not given.")
    FileType type;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to validate.")
    List<Path> files;

    enum FileType { appimage, layout, manifest }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            String verdict;
            try {
                verdict = validate(file, type != null ? type : detect(file));
            } catch (SpecException e) {
                allValid = false;
                err.println(file + ": invalid:");
                for (Violation violation : e.violations()) err.println("  " + violation);
                continue;
            } catch (IOException | RocketException e) {
                allValid = false;
                err.println(file + ": cannot read: " + e.getMessage());
                continue;
            }
            out.println(file + ": " + verdict);
        }
        out.flush();
        err.flush();
        return allValid ? 0 : EXIT_INVALID;
    }

    private static FileType detect(Path file) throws IOException {
        if (Files.isDirectory(file)) return FileType.layout;
        if (!Files.exists(file)) throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        byte[] start = new byte[16];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        }
        for (int i = 0; i < read; i++) {
            if (!Character.isWhitespace(start[i])) return start[i] == '{' ? FileType.manifest : FileType.appimage;
        }
        return FileType.appimage;
    }

    private static String validate(Path file, FileType type) throws IOException, SpecException, RocketException {
        return switch (type) {
            case manifest -> "valid " + describe(Manifest.parse(Files.readString(file, StandardCharsets.UTF_8)).acKind());
            case layout -> {
                ImageLayout.read(file);
                yield "valid image layout";
            }
            case appimage -> {
                AciFiles.readManifest(file);
                yield "valid app container image";
            }
        };
    }

    private static String describe(AcKind kind) {
        return kind.equals(AcKind.IMAGE_MANIFEST) ? "image manifest" : "pod manifest";
    }
}
