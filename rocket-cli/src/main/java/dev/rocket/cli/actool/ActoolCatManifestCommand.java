package dev.rocket.cli.actool;

import dev.rocket.spec.aci.AciReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code actool cat-manifest}: print the manifest of an image archive. */
@Command(name = "cat-manifest", description = "Print the manifest of an ACI.")
final class ActoolCatManifestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pretty-print", description = "Print the manifest indented, in canonical form.")
    boolean prettyPrint;

    @Parameters(paramLabel = "ACI", description = "The image file.")
    Path aci;

    @Override
    public Integer call() throws Exception {
        byte[] manifest;
        try (InputStream in = AciFiles.open(aci)) {
            manifest = AciReader.manifestBytesOf(in);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (prettyPrint) {
            out.println(AciReader.parseManifest(manifest).toJson(true));
        } else {
            AciReader.parseManifest(manifest);
            out.println(new String(manifest, StandardCharsets.UTF_8).stripTrailing());
        }
        out.flush();
        return 0;
    }
}
