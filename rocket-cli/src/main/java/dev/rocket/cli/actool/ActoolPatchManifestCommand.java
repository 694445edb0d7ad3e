package dev.rocket.cli.actool;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.aci.AciWriter;
import dev.rocket.cli.OutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code actool patch-manifest}: copy an image with its manifest changed (or replaced), or patch it in place. */
@Command(name = "patch-manifest", description = "Copy an ACI with a patched manifest (or patch it in place with --replace).")
final class ActoolPatchManifestCommand implements Callable<Integer> {

    @Option(names = "--manifest", paramLabel = "FILE", description = "Replace the manifest with this file.")
    Path manifestFile;

    @Option(names = "--name", description = "Replace the image name.")
    String name;

    @Option(names = "--exec", description = "Replace the command line (words separated by spaces).")
    String exec;

    @Option(names = "--user", description = "Replace the user.")
    String user;

    @Option(names = "--group", description = "Replace the group.")
    String group;

    @Option(names = "--supplementary-gids", split = ",", paramLabel = "GID", description = "Replace the supplementary group IDs.")
    List<Long> supplementaryGids;

    @Option(names = "--capability", paramLabel = "CAP,...", description = "Set the capabilities retain set.")
    String capability;

    @Option(names = "--mounts", paramLabel = "name,path=P,readOnly=B[:...]", description = "Add mount points.")
    String mounts;

    @Option(names = "--ports", paramLabel = "name,protocol=P,port=N[:...]", description = "Add ports.")
    String ports;

    @Option(names = "--isolators", paramLabel = "resource/NAME,key=value[:...]", description = "Add resource isolators.")
    String isolators;

    @Option(names = "--replace", description = "Patch the input file in place.")
    boolean replace;

    @Option(names = "--overwrite", description = "Overwrite the output file if it exists.")
    boolean overwrite;

    @Option(names = "--compression", paramLabel = "TYPE", converter = CompressionConverter.class,
            description = "gzip, bzip2, xz or none (default: as the input).")
    AciCompression compression;

    @Option(names = "--no-compression", description = "Write the image uncompressed.")
    boolean noCompression;

    @Parameters(arity = "1..2", paramLabel = "ACI", description = "INPUT.aci [OUTPUT.aci]")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        ManifestPatch patch = patch();
        if (replace && overwrite) throw new RocketException(Kind.INVALID_ARGUMENT, "--replace and --overwrite exclude each other");
        if (replace != (files.size() == 1)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, replace
                    ? "--replace patches one file in place; give only the input"
                    : "give the input and the output file (or --replace to patch in place)");
        }
        if (manifestFile != null && !patch.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--manifest replaces the whole manifest; it excludes the other patch flags");
        }
        Path input = files.getFirst();
        byte[] original;
        AciCompression inputCompression;
        try (InputStream in = AciFiles.open(input); AciReader reader = AciReader.open(in)) {
            inputCompression = reader.compression();
            while (reader.next() != null) {
                // checks the whole archive; keeps the manifest
            }
            original = reader.manifest();
        }
        byte[] patched = manifestFile != null ? Files.readAllBytes(manifestFile) : patch.apply(original);
        AciReader.parseManifest(patched);
        AciCompression output = noCompression ? AciCompression.NONE : compression != null ? compression : inputCompression;
        Path target = replace ? input : files.get(1);
        OutputFile.write(target, replace || overwrite, out -> copy(input, patched, out, output));
        return 0;
    }

    private ManifestPatch patch() {
        ManifestPatch patch = new ManifestPatch();
        patch.name = name;
        patch.exec = exec;
        patch.user = user;
        patch.group = group;
        patch.supplementaryGids = supplementaryGids;
        patch.capability = capability;
        patch.mounts = mounts;
        patch.ports = ports;
        patch.isolators = isolators;
        return patch;
    }

    private static void copy(Path input, byte[] manifest, java.io.OutputStream out, AciCompression compression) throws Exception {
        try (InputStream in = AciFiles.open(input); AciReader reader = AciReader.open(in);
             AciWriter writer = new AciWriter(out, compression)) {
            for (AciEntry entry; (entry = reader.next()) != null; ) {
                if (entry.name().equals(AciEntryName.MANIFEST)) {
                    writer.add(new AciEntry(entry.name(), entry.type(), entry.mode(), entry.uid(), entry.gid(), entry.userName(),
                            entry.groupName(), entry.modified(), manifest.length, entry.linkTarget(), 0, 0, entry.xattrs()),
                            new ByteArrayInputStream(manifest));
                } else {
                    writer.add(entry, reader.content());
                }
            }
        }
    }
}
