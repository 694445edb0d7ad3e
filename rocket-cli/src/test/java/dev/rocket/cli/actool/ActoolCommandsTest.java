package dev.rocket.cli.actool;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActoolCommandsTest {

    static final String MANIFEST = """
            {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/hello",
             "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
             "app": {"exec": ["/bin/hello"], "user": "0", "group": "0"}}
            """;

    @TempDir
    Path tmp;

    Path layout;

    @BeforeEach
    void makeLayout() throws Exception {
        layout = tmp.resolve("hello");
        Files.createDirectories(layout.resolve("rootfs/bin"));
        Files.writeString(layout.resolve("rootfs/bin/hello"), "#!/bin/sh\necho hello\n");
        Files.writeString(layout.resolve("manifest"), MANIFEST);
    }

    private Path build(String... flags) {
        Path aci = tmp.resolve("hello.aci");
        List<String> args = new java.util.ArrayList<>(List.of("build"));
        args.addAll(List.of(flags));
        args.addAll(List.of(layout.toString(), aci.toString()));
        CliRun run = CliRun.actool(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return aci;
    }

    private static ImageManifest manifestOf(Path aci) throws Exception {
        try (InputStream in = Files.newInputStream(aci)) {
            return AciReader.manifestOf(in);
        }
    }

    @Test
    void buildValidateAndCatManifest() throws Exception {
        Path aci = build("--compression=bzip2");
        try (InputStream in = Files.newInputStream(aci)) {
            assertEquals("BZh", new String(in.readNBytes(3)));
        }
        CliRun validate = CliRun.actool("validate", aci.toString(), layout.toString(), layout.resolve("manifest").toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertEquals(aci + ": valid app container image\n" + layout + ": valid image layout\n"
                + layout.resolve("manifest") + ": valid image manifest\n", validate.out());
        CliRun cat = CliRun.actool("cat-manifest", aci.toString());
        assertEquals(MANIFEST.strip() + "\n", cat.out());
        CliRun pretty = CliRun.actool("cat-manifest", "--pretty-print", aci.toString());
        assertTrue(pretty.out().startsWith("{\n  \"acKind\" : \"ImageManifest\"") || pretty.out().startsWith("{\n  \"acKind\": \"ImageManifest\""),
                pretty.out());
    }

    @Test
    void buildRefusesToOverwriteAndBadLayouts() throws Exception {
        Path aci = build();
        CliRun again = CliRun.actool("build", layout.toString(), aci.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, again.exitCode());
        assertEquals("actool: " + aci + " already exists (use --overwrite to replace it)\n", again.err());
        build("--overwrite", "--compression=none");

        Files.writeString(layout.resolve("stray"), "x");
        Path other = tmp.resolve("other.aci");
        CliRun bad = CliRun.actool("build", layout.toString(), other.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, bad.exitCode());
        assertTrue(bad.err().startsWith("actool: stray: "), bad.err());
        assertFalse(Files.exists(other));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        assertEquals(CommandRunner.EXIT_USAGE, CliRun.actool("build", "--compression=zip", layout.toString(), other.toString()).exitCode());
    }

    @Test
    void validateReportsEveryProblemOfEveryFile() throws Exception {
        Path badManifest = Files.writeString(tmp.resolve("bad.json"),
                "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"Not Valid\", \"app\": {\"exec\": []}}");
        Path garbage = Files.writeString(tmp.resolve("garbage.aci"), "not an archive, just text that goes on and on");
        Path aci = build();
        CliRun run = CliRun.actool("validate", badManifest.toString(), aci.toString(), garbage.toString(), tmp.resolve("missing").toString());
        assertEquals(ActoolValidateCommand.EXIT_INVALID, run.exitCode());
        assertEquals(aci + ": valid app container image\n", run.out());
        assertTrue(run.err().contains(badManifest + ": invalid:\n  $.name: \"Not Valid\""), run.err());
        assertTrue(run.err().contains("$.app.user"), run.err());
        assertTrue(run.err().contains(garbage + ": invalid:\n  archive: "), run.err());
        assertTrue(run.err().contains(tmp.resolve("missing") + ": cannot read"), run.err());
    }

    @Test
    void patchManifestCopiesWithEdits() throws Exception {
        Path aci = build("--compression=xz");
        Path patched = tmp.resolve("patched.aci");
        CliRun run = CliRun.actool("patch-manifest", "--name=example.com/patched", "--exec=/bin/sh -c true", "--user=1000",
                "--group=100", "--supplementary-gids=10,11", "--capability=CAP_NET_ADMIN,CAP_CHOWN",
                "--mounts=work,path=/work,readOnly=true:data,path=/data", "--ports=http,protocol=tcp,port=8080",
                "--isolators=resource/cpu,request=50m,limit=100m", aci.toString(), patched.toString());
        assertEquals(0, run.exitCode(), run.err());
        ImageManifest manifest = manifestOf(patched);
        assertEquals("example.com/patched", manifest.name().value());
        App app = manifest.app().orElseThrow();
        assertEquals(List.of("/bin/sh", "-c", "true"), app.exec().args());
        assertEquals("1000", app.user());
        assertEquals(List.of(10L, 11L), app.supplementaryGids());
        assertEquals(2, app.mountPoints().size());
        assertTrue(app.mountPoints().getFirst().readOnly());
        assertEquals(8080, app.ports().getFirst().port());
        assertTrue(app.isolators().stream().anyMatch(i -> i instanceof CpuIsolator));
        assertEquals(2, app.isolators().size());
        try (InputStream in = Files.newInputStream(patched)) {
            assertEquals("\u00fd7zXZ", new String(in.readNBytes(5), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertEquals("example.com/hello", manifestOf(aci).name().value());
    }

    @Test
    void patchManifestInPlaceAndWholeManifest() throws Exception {
        Path aci = build();
        assertEquals(0, CliRun.actool("patch-manifest", "--replace", "--user=42", aci.toString()).exitCode());
        assertEquals("42", manifestOf(aci).app().orElseThrow().user());
        Path replacement = Files.writeString(tmp.resolve("m.json"), MANIFEST.replace("example.com/hello", "example.com/other"));
        assertEquals(0, CliRun.actool("patch-manifest", "--replace", "--manifest=" + replacement, aci.toString()).exitCode());
        assertEquals("example.com/other", manifestOf(aci).name().value());
    }

    @Test
    void patchManifestRefusesBadInputAndLeavesNoFile() throws Exception {
        Path aci = build();
        Path out = tmp.resolve("out.aci");
        for (String[] args : new String[][]{
                {"--name=Bad Name", aci.toString(), out.toString()},
                {"--ports=http,protocol=tcp,port=eighty", aci.toString(), out.toString()},
                {"--mounts=path=/x", aci.toString(), out.toString()},
                {"--isolators=os/linux/no-new-privileges,x=y", aci.toString(), out.toString()},
                {"--manifest=" + aci, "--name=example.com/x", aci.toString(), out.toString()},
                {"--user=1", aci.toString()},
                {"--replace", "--overwrite", "--user=1", aci.toString()}}) {
            CliRun run = CliRun.actool(java.util.stream.Stream.concat(java.util.stream.Stream.of("patch-manifest"),
                    java.util.Arrays.stream(args)).toArray(String[]::new));
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("actool: "), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
            assertFalse(Files.exists(out), String.join(" ", args));
        }
        assertEquals("example.com/hello", manifestOf(aci).name().value());
    }
}
