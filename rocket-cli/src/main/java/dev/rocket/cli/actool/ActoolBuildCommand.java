package dev.rocket.cli.actool;

import dev.rocket.cli.LinuxXattrReader;
import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.cli.OutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code actool build}: make an image archive from an image layout directory. */
@Command(name = "build", description = "Build an ACI from an image layout (a directory with manifest and rootfs).")
final class ActoolBuildCommand implements Callable<Integer> {

    @Option(names = "--overwrite", description = "Overwrite the output file if it exists.")
    boolean overwrite;

    @Option(names = "--compression", paramLabel = "TYPE", converter = CompressionConverter.class,
            description = "gzip (default), bzip2, xz or none.")
    AciCompression compression = AciCompression.GZIP;

    @Option(names = "--no-compression", description = "Do not compress the image (same as --compression=none).")
    boolean noCompression;

    @Parameters(index = "0", paramLabel = "DIR", description = "The image layout directory.")
    Path layout;

    @Parameters(index = "1", paramLabel = "OUT.aci", description = "The image file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        AciCompression chosen = noCompression ? AciCompression.NONE : compression;
        OutputFile.write(output, overwrite, out -> new AciBuilder(new LinuxXattrReader()).build(layout, out, chosen));
        return 0;
    }
}
