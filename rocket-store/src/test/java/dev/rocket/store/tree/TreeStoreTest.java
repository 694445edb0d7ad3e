package dev.rocket.store.tree;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.TestTar;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.extract.Privilege;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rocket.spec.aci.AciReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeStoreTest {

    @TempDir
    Path work;

    private ImageStore images;
    private TreeStore trees;

    @BeforeEach
    void open() throws RocketException {
        images = ImageStore.open(new StoreLayout(work.resolve("store")));
        trees = new TreeStore(images, Privilege.ofCurrentProcess());
    }

    @AfterEach
    void close() throws RocketException {
        images.close();
    }

    /** Stores an image under the name and labels of its manifest, as a fetch would. */
    private ImageId put(String name, TestTar tar) throws Exception {
        ImageId id = put(images, tar);
        assertEquals(name, images.get(id).name().value());
        return id;
    }

    /** Stores an image into {@code images} under the name and labels of its manifest, as a fetch would. */
    static ImageId put(ImageStore images, TestTar tar) throws Exception {
        byte[] bytes = tar.bytes();
        var manifest = AciReader.manifestOf(new ByteArrayInputStream(bytes));
        Map<AcIdentifier, String> labels = new LinkedHashMap<>();
        manifest.labels().list().forEach(label -> labels.put(label.name(), label.value()));
        return images.write(new ByteArrayInputStream(bytes), ImageRecordInfo.of(manifest.name(), labels));
    }

    @Test
    void rendersDependenciesDepthFirstWithEveryWhitelistOnThePath() throws Exception {
        ImageId d = put("example.com/d", TestTar.image("example.com/d")
                .file("rootfs/shared", "D").file("rootfs/d-only", "d").dir("rootfs/etc").file("rootfs/etc/kept", "d"));
        put("example.com/b", TestTar.image("example.com/b",
                "\"dependencies\": [{\"imageName\": \"example.com/d\", \"imageID\": \"" + d + "\"}]")
                .file("rootfs/shared", "B").file("rootfs/b", "b"));
        put("example.com/c", TestTar.image("example.com/c",
                "\"dependencies\": [{\"imageName\": \"example.com/d\"}], \"pathWhitelist\": [\"/c\", \"/shared\"]")
                .file("rootfs/c", "c"));
        ImageId a = put("example.com/a", TestTar.image("example.com/a", """
                "dependencies": [{"imageName": "example.com/b"},
                                 {"imageName": "example.com/c", "labels": [{"name": "os", "value": "linux"}]}],
                "pathWhitelist": ["/a", "/b", "/shared", "/etc/kept", "/c"]""")
                .file("rootfs/a", "a"));

        RenderedTree tree = trees.render(a);

        Path rootfs = tree.rootfs();
        assertEquals(List.of("a", "b", "c", "etc", "shared"), names(rootfs));
        assertEquals(List.of("kept"), names(rootfs.resolve("etc")));
        // D, B, D (only /shared passes C's whitelist), C, A: the second D overwrites B's file.
        assertEquals("D", Files.readString(rootfs.resolve("shared")));
        assertEquals(5, tree.layers().size());
        assertEquals(a, tree.image());
        assertTrue(Files.readString(tree.manifest()).contains("example.com/a"));
        assertEquals(TreeKey.of(tree.layers()), tree.key());
        assertEquals(tree, trees.render(a), "the second render reuses the tree");
    }

    @Test
    void aSymlinkToADirectoryInALowerLayerIsReplacedNotFollowed() throws Exception {
        Path host = Files.createDirectories(work.resolve("host"));
        ImageId lower = put("example.com/lower", TestTar.image("example.com/lower")
                .dir("rootfs/real").file("rootfs/real/x", "x")
                .symlink("rootfs/usr", "real").symlink("rootfs/opt", host.toString()));
        ImageId upper = put("example.com/upper", TestTar.image("example.com/upper",
                "\"dependencies\": [{\"imageName\": \"example.com/lower\", \"imageID\": \"" + lower + "\"}]")
                .dir("rootfs/usr").file("rootfs/usr/y", "y").file("rootfs/opt/z", "z"));

        Path rootfs = trees.render(upper).rootfs();

        assertTrue(Files.isDirectory(rootfs.resolve("usr"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("y"), names(rootfs.resolve("usr")));
        assertEquals(List.of("x"), names(rootfs.resolve("real")));
        assertTrue(Files.isDirectory(rootfs.resolve("opt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), names(host));
    }

    @Test
    void aMissingDependencyIsNamed() throws Exception {
        ImageId a = put("example.com/a", TestTar.image("example.com/a",
                "\"dependencies\": [{\"imageName\": \"example.com/missing\", \"labels\": [{\"name\": \"version\", \"value\": \"1.0\"}]}]"));
        RocketException e = assertThrows(RocketException.class, () -> trees.render(a));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("example.com/missing:1.0"), e.getMessage());
        assertTrue(trees.list().isEmpty());
    }

    @Test
    void verifyDetectsAChangedFile() throws Exception {
        RenderedTree tree = trees.render(put("example.com/a", TestTar.image("example.com/a").file("rootfs/etc-hosts", "x")));
        assertEquals(tree, trees.verify(tree.key()));

        Files.writeString(tree.rootfs().resolve("etc-hosts"), "y");
        RocketException e = assertThrows(RocketException.class, () -> trees.verify(tree.key()));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains(tree.key().value()), e.getMessage());
    }

    @Test
    void removeGcAndSize() throws Exception {
        ImageId d = put("example.com/d", TestTar.image("example.com/d").file("rootfs/big", "x".repeat(10_000)));
        ImageId a = put("example.com/a", TestTar.image("example.com/a",
                "\"dependencies\": [{\"imageName\": \"example.com/d\"}]"));
        ImageId other = put("example.com/other", TestTar.image("example.com/other"));
        RenderedTree treeOfA = trees.render(a);
        RenderedTree treeOfOther = trees.render(other);
        assertTrue(trees.size(treeOfA.key()) >= 10_000);
        assertEquals(List.of(treeOfA), trees.treesOf(a));

        // A tree whose renderer died: no marker.
        Files.delete(images.layout().treeMarker(treeOfOther.key().value()));
        assertTrue(trees.find(treeOfOther.key()).isEmpty(), "an incomplete tree is never used");

        images.remove(d);
        assertEquals(List.of(treeOfA.key(), treeOfOther.key()).stream().sorted((x, y) -> x.value().compareTo(y.value())).toList(),
                trees.gc());
        assertEquals(List.of(), names(images.layout().trees()));

        RenderedTree again = trees.render(other);
        assertEquals(List.of(again.key()), trees.remove(other));
        assertEquals(List.of(), names(images.layout().trees()));
    }

    @Test
    void extractsOneImageOrRendersItToADirectory() throws Exception {
        ImageId d = put("example.com/d", TestTar.image("example.com/d").file("rootfs/from-d", "d"));
        ImageId a = put("example.com/a", TestTar.image("example.com/a",
                "\"dependencies\": [{\"imageName\": \"example.com/d\", \"imageID\": \"" + d + "\"}]").file("rootfs/from-a", "a"));
        Path extracted = work.resolve("extracted");
        trees.extractTo(a, extracted, ExtractScope.IMAGE, false);
        assertEquals(List.of("manifest", "rootfs"), names(extracted));
        assertEquals(List.of("from-a"), names(extracted.resolve("rootfs")));

        Path rendered = work.resolve("rendered");
        trees.renderTo(a, rendered, ExtractScope.IMAGE, false);
        assertEquals(List.of("from-a", "from-d"), names(rendered.resolve("rootfs")));
        assertTrue(Files.readString(rendered.resolve("manifest")).contains("example.com/a"));

        RocketException e = assertThrows(RocketException.class, () -> trees.renderTo(a, rendered, ExtractScope.ROOTFS_ONLY, false));
        assertEquals(Kind.ALREADY_EXISTS, e.kind());
        trees.renderTo(a, rendered, ExtractScope.ROOTFS_ONLY, true);
        assertEquals(List.of("from-a", "from-d"), names(rendered));
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void treeKeysParseAndPrint() throws Exception {
        TreeKey key = TreeKey.of(List.of(new ImageId("sha512-" + "ab".repeat(64))));
        assertEquals(key, TreeKey.parse(key.toString()));
        assertThrows(dev.rocket.spec.SpecException.class, () -> TreeKey.parse("sha512-abc"));
        assertFalse(key.value().isEmpty());
    }
}
