package dev.rocket.cli.rkt.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.tree.RenderedTree;
import dev.rocket.store.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCommandsTest {

    @TempDir
    Path dir;

    ImageId etcd;
    ImageId redis;

    @BeforeEach
    void storeTwoImages() throws Exception {
        try (ImageStore store = ImageStore.open(new StoreLayout(dir))) {
            etcd = store.write(bytes("etcd image"), ImageRecordInfo.of(new AcIdentifier("coreos.com/etcd"),
                    Map.of(new AcIdentifier("version"), "v2.0.9")));
            redis = store.write(bytes("redis image"), ImageRecordInfo.of(new AcIdentifier("example.com/redis"), Map.of()));
        }
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private CliRun rkt(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--dir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.rkt(all);
    }

    @Test
    void listShowsShortIdsNamesAndLegend() {
        CliRun run = rkt("image", "list");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        assertEquals(java.util.List.of("ID", "NAME", "IMPORT", "TIME", "LAST", "USED", "SIZE", "LATEST"),
                java.util.List.of(lines[0].split("\\s+")));
        String[] first = lines[1].split("\t+");
        assertEquals("sha512-" + etcd.hex().substring(0, 12), first[0]);
        assertEquals("coreos.com/etcd:v2.0.9", first[1]);
        assertEquals("10B", first[4]);
        assertEquals("true", first[5]);
    }

    @Test
    void listFullNoLegendSelectedFields() {
        CliRun run = rkt("image", "list", "--full", "--no-legend", "--fields=id,size", "--sort=name", "--order=desc");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(redis.value() + "\t11\n" + etcd.value() + "\t10\n", run.out().replaceAll("\t+", "\t"));
    }

    @Test
    void listAsJson() throws Exception {
        CliRun run = rkt("image", "list", "--format=json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode list = new ObjectMapper().readTree(run.out());
        assertEquals(2, list.size());
        assertEquals(etcd.value(), list.get(0).get("id").asText());
        assertEquals("v2.0.9", list.get(0).get("labels").get("version").asText());
        assertEquals(11, list.get(1).get("size").asLong());
    }

    @Test
    void unknownFieldOrFormatIsAUsageError() {
        assertEquals(CommandRunner.EXIT_USAGE, rkt("image", "list", "--fields=bogus").exitCode());
        CliRun run = rkt("image", "list", "--format=yaml");
        assertEquals(CommandRunner.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("json-pretty"), run.err());
    }

    @Test
    void rmByPrefixAndName() {
        CliRun run = rkt("image", "rm", etcd.value().substring(0, 19), "example.com/redis");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("successfully removed aci for image: \"" + etcd + "\" (\"coreos.com/etcd\")"), run.err());
        assertTrue(run.err().endsWith("rkt: 2 image(s) successfully removed\n"), run.err());
        assertEquals("", rkt("image", "list", "--no-legend").out());
    }

    @Test
    void rmUnknownImageFailsAndKeepsOthers() {
        CliRun run = rkt("image", "rm", "sha512-0000", etcd.value());
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("rkt: 1 image(s) successfully removed"), run.err());
        assertEquals(1, rkt("image", "list", "--no-legend").out().lines().count());
    }

    @Test
    void gcRemovesImagesUnusedWithinGracePeriod() {
        CliRun keep = rkt("image", "gc");
        assertEquals(0, keep.exitCode(), keep.err());
        assertTrue(keep.err().contains("rkt: 0 image(s) successfully removed"), keep.err());
        CliRun all = rkt("image", "gc", "--grace-period=0s");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.err().contains("rkt: 2 image(s) successfully removed"), all.err());
        assertEquals(CommandRunner.EXIT_USAGE, rkt("image", "gc", "--grace-period=soon").exitCode());
    }

    @Test
    void verifyDetectsCorruption() throws Exception {
        CliRun good = rkt("image", "verify", "coreos.com/etcd:v2.0.9");
        assertEquals(0, good.exitCode(), good.err());
        assertTrue(good.out().contains("successfully verified checksum for image: \"coreos.com/etcd:v2.0.9\" (\"" + etcd + "\")"));
        Files.writeString(new StoreLayout(dir).blob(etcd), "tampered");
        CliRun bad = rkt("image", "verify", etcd.value());
        assertEquals(CommandRunner.EXIT_FAILURE, bad.exitCode());
        assertFalse(bad.err().isEmpty());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    void catManifestAndExportOfARealImage() throws Exception {
        Path layout = Files.createDirectories(dir.resolve("layout/rootfs")).getParent();
        Files.writeString(layout.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/real",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]}
                """);
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        ImageId real = new dev.rocket.spec.aci.AciBuilder(dev.rocket.spec.aci.XattrReader.none())
                .build(layout, tar, dev.rocket.spec.aci.AciCompression.NONE);
        try (ImageStore store = ImageStore.open(new StoreLayout(dir))) {
            store.write(new ByteArrayInputStream(tar.toByteArray()), ImageRecordInfo.of(new AcIdentifier("example.com/real"), Map.of()));
        }
        CliRun pretty = rkt("image", "cat-manifest", "example.com/real");
        assertEquals(0, pretty.exitCode(), pretty.err());
        assertTrue(pretty.out().contains("\"name\" : \"example.com/real\"") || pretty.out().contains("\"name\": \"example.com/real\""), pretty.out());
        assertEquals(1, rkt("image", "cat-manifest", "--pretty-print=false", real.value()).out().lines().count());

        Path out = dir.resolve("exported.aci");
        assertEquals(0, rkt("image", "export", "example.com/real", out.toString()).exitCode());
        assertTrue(java.util.Arrays.equals(tar.toByteArray(), Files.readAllBytes(out)));
        assertEquals(CommandRunner.EXIT_FAILURE, rkt("image", "export", "example.com/real", out.toString()).exitCode());
        assertEquals(0, rkt("image", "export", "--overwrite", "example.com/real", out.toString()).exitCode());
        assertEquals(CommandRunner.EXIT_FAILURE, rkt("image", "cat-manifest", "example.com/nothing").exitCode());

        Path extracted = dir.resolve("extracted");
        CliRun extract = rkt("image", "extract", "example.com/real", extracted.toString());
        assertEquals(0, extract.exitCode(), extract.err());
        assertTrue(Files.isRegularFile(extracted.resolve("manifest")) && Files.isDirectory(extracted.resolve("rootfs")));
        assertEquals(CommandRunner.EXIT_FAILURE, rkt("image", "render", "example.com/real", extracted.toString()).exitCode());
        CliRun render = rkt("image", "render", "--rootfs-only", "--overwrite", "example.com/real", extracted.toString());
        assertEquals(0, render.exitCode(), render.err());
        assertFalse(Files.exists(extracted.resolve("manifest")));
    }

    private ImageId storeRenderedImage(String name) throws Exception {
        Path layout = Files.createDirectories(dir.resolve("layout-" + name.replace('/', '_') + "/rootfs")).getParent();
        Files.writeString(layout.resolve("rootfs/hello.txt"), "hello from " + name);
        Files.writeString(layout.resolve("manifest"), "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \""
                + name + "\"}");
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        new dev.rocket.spec.aci.AciBuilder(dev.rocket.spec.aci.XattrReader.none())
                .build(layout, tar, dev.rocket.spec.aci.AciCompression.NONE);
        try (ImageStore store = ImageStore.open(new StoreLayout(dir))) {
            ImageId id = store.write(new ByteArrayInputStream(tar.toByteArray()), ImageRecordInfo.of(new AcIdentifier(name), Map.of()));
            TreeStore.open(store).render(id);
            return id;
        }
    }

    private List<RenderedTree> trees() throws Exception {
        try (ImageStore store = ImageStore.open(new StoreLayout(dir))) {
            return TreeStore.open(store).list();
        }
    }

    @Test
    void treesCountInTheSizeAreVerifiedAndGoWithTheirImage() throws Exception {
        ImageId rendered = storeRenderedImage("example.com/rendered");
        RenderedTree tree = trees().getFirst();
        long tarBytes = Files.size(new StoreLayout(dir).blob(rendered));

        JsonNode listed = new ObjectMapper().readTree(rkt("image", "list", "--format=json").out());
        JsonNode entry = null;
        for (JsonNode node : listed) if (node.get("id").asText().equals(rendered.value())) entry = node;
        assertEquals(tarBytes, entry.get("aciSize").asLong());
        assertTrue(entry.get("treeStoreSize").asLong() > 0, entry.toString());
        assertEquals(tarBytes + entry.get("treeStoreSize").asLong(), entry.get("size").asLong());

        assertEquals(0, rkt("image", "verify", rendered.value()).exitCode());
        Files.writeString(tree.rootfs().resolve("hello.txt"), "changed after rendering");
        CliRun bad = rkt("image", "verify", rendered.value());
        assertEquals(CommandRunner.EXIT_FAILURE, bad.exitCode());
        assertTrue(bad.err().contains("was changed after rendering"), bad.err());

        CliRun rm = rkt("image", "rm", rendered.value());
        assertEquals(0, rm.exitCode(), rm.err());
        assertEquals(List.of(), trees());
        assertFalse(Files.exists(tree.dir()));
    }

    @Test
    void gcRemovesTheTreesOfTheImagesItRemoves() throws Exception {
        storeRenderedImage("example.com/old");
        assertEquals(1, trees().size());
        CliRun gc = rkt("image", "gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        assertEquals(List.of(), trees());
    }
}
