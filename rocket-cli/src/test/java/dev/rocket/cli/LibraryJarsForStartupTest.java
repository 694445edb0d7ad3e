package dev.rocket.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibraryJarsForStartupTest {

    @TempDir
    Path tmp;

    @Test
    void upgradesJava5ClassesSoTheyStillVerifyAndRun() throws Exception {
        Path jar = tmp.resolve("old.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "demo/Old.class", java5ClassWithBranch());
        }

        LibraryJarsForStartup.rewrite(jar);

        byte[] rewritten = entry(jar, "demo/Old.class");
        assertEquals(52, ClassFile.of().parse(rewritten).majorVersion());
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Class<?> old = Class.forName("demo.Old", true, loader);
            assertEquals(1, old.getMethod("sign", int.class).invoke(null, 7));
            assertEquals(-1, old.getMethod("sign", int.class).invoke(null, -7));
        }
    }

    @Test
    void everyPicocliClassVerifiesAfterTheUpgrade() throws Exception {
        Path jar = tmp.resolve("picocli.jar");
        Files.copy(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);

        LibraryJarsForStartup.rewrite(jar);

        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.contains("module-info")) continue;
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                assertTrue(ClassFile.of().parse(bytes).majorVersion() >= 50, name);
                classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            // initializing links, and linking verifies: a wrong stack map is a VerifyError here
            for (String name : classes) Class.forName(name, true, loader);
        }
        assertTrue(classes.size() > 100);
    }

    @Test
    void dropsSignatureFilesAndTheirDigestsButKeepsTheMainAttributes() throws Exception {
        Path jar = tmp.resolve("signed.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "signed thing");
        manifest.getEntries().computeIfAbsent("demo/data.txt", k -> new Attributes())
                .putValue("SHA-256-Digest", "abc=");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            put(out, "META-INF/SIGNER.SF", "Signature-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "META-INF/SIGNER.RSA", new byte[]{1, 2, 3});
            put(out, "demo/data.txt", "kept".getBytes(StandardCharsets.UTF_8));
        }

        LibraryJarsForStartup.rewrite(jar);

        try (JarFile file = new JarFile(jar.toFile())) {
            assertNull(file.getEntry("META-INF/SIGNER.SF"));
            assertNull(file.getEntry("META-INF/SIGNER.RSA"));
            assertEquals("kept", new String(file.getInputStream(file.getEntry("demo/data.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
            Manifest kept = file.getManifest();
            assertEquals("signed thing", kept.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_TITLE));
            assertTrue(kept.getEntries().isEmpty());
        }
    }

    @Test
    void unsealsPackagesAndKeepsEveryOtherAttribute() throws Exception {
        Path jar = tmp.resolve("sealed.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.SEALED, "true");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "sealed thing");
        Attributes section = manifest.getEntries().computeIfAbsent("demo/", k -> new Attributes());
        section.put(Attributes.Name.SEALED, "true");
        section.put(Attributes.Name.SPECIFICATION_TITLE, "demo package");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            put(out, "demo/data.txt", "kept".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("unsealed", LibraryJarsForStartup.rewrite(jar));

        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest kept = file.getManifest();
            assertNull(kept.getMainAttributes().getValue(Attributes.Name.SEALED));
            assertEquals("sealed thing", kept.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_TITLE));
            assertNull(kept.getAttributes("demo/").getValue(Attributes.Name.SEALED));
            assertEquals("demo package", kept.getAttributes("demo/").getValue(Attributes.Name.SPECIFICATION_TITLE));
            assertEquals("kept", new String(file.getInputStream(file.getEntry("demo/data.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        assertEquals("", LibraryJarsForStartup.rewrite(jar), "a second run finds nothing to do");
    }

    @Test
    void xzsSealedJarComesOutUnsealedAndStillLoads() throws Exception {
        Path original = Path.of(org.tukaani.xz.XZ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(original, tmp.resolve("xz.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("true", file.getManifest().getMainAttributes().getValue(Attributes.Name.SEALED),
                    "xz no longer seals its package: this step may no longer be needed for it");
        }

        assertEquals("unsealed", LibraryJarsForStartup.rewrite(jar));

        try (JarFile file = new JarFile(jar.toFile());
             java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            assertNull(file.getManifest().getMainAttributes().getValue(Attributes.Name.SEALED));
            assertEquals("org.tukaani.xz.XZ", Class.forName("org.tukaani.xz.XZ", true, loader).getName());
        }
    }

    @Test
    void leavesAJarThatNeedsNothingUntouched() throws Exception {
        Path jar = tmp.resolve("modern.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "demo/data.txt", "same".getBytes(StandardCharsets.UTF_8));
        }
        byte[] before = Files.readAllBytes(jar);

        LibraryJarsForStartup.rewrite(jar);

        assertArrayEquals(before, Files.readAllBytes(jar));
    }

    /** {@code public class demo.Old { public static int sign(int x) { return x < 0 ? -1 : 1; } }} as Java 5. */
    private static byte[] java5ClassWithBranch() {
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(ClassDesc.of("demo.Old"), cls -> cls
                .withVersion(49, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withSuperclass(ConstantDescs.CD_Object)
                .withMethodBody("sign", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                            code.iload(0).ifThen(Opcode.IFLT, then -> then.iconst_m1().ireturn());
                            code.iconst_1().ireturn();
                        }));
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
