package dev.rocket.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Build step ({@code package} phase, on {@code target/lib}): rewrites the command line's library jars so that
 * the JVM starts them fast. Two things cost every start otherwise:
 * <ul>
 *   <li>class files older than Java 6 (picocli is compiled for Java 5): the JDK's AOT cache refuses them, and
 *       the old type-inferring verifier checks each of them again at every start. They are rewritten as
 *       version 52 with stack maps (the JDK's class-file API computes them), byte code unchanged.</li>
 *   <li>jar signatures (Bouncy Castle signs its jars): the JVM checks every class of a signed jar against the
 *       signature when it loads it and keeps such classes out of the AOT cache. The signature files are left
 *       out. Nothing is lost at run time: Maven checked the artifacts' checksums when it fetched them, and an
 *       OpenJDK does not require signed security providers.</li>
 *   <li>sealed packages (xz seals {@code org.tukaani.xz}): the AOT cache is trained with linked classes, which
 *       the JVM defines before the class path's jars are opened; a sealed package then counts as defined
 *       elsewhere ("sealing violation") and the JVM stops at start. The {@code Sealed} attributes are dropped:
 *       the class path is the build's own, so nothing else can add classes to those packages.</li>
 * </ul>
 * A jar with neither is left as it is; a rewritten jar replaces the old one in one rename, so running the step
 * again (or a launcher reading the jar meanwhile) is safe.
 */
public final class LibraryJarsForStartup {

    /** The oldest class-file version the AOT cache and the split verifier take (Java 6). */
    private static final int OLDEST_CACHEABLE_VERSION = 50;
    /** What older class files become (Java 8: every JDK since reads it, and stack maps are mandatory). */
    private static final int REWRITTEN_VERSION = 52;

    private LibraryJarsForStartup() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LibraryJarsForStartup LIBDIR");
            System.exit(2);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) rewrite(jar);
        }
    }

    /** Rewrites one jar in place if it needs it; says what changed, or returns an empty string. */
    static String rewrite(Path jar) throws IOException {
        Plan plan = plan(jar);
        if (plan.oldClasses() == 0 && plan.signatureFiles() == 0 && !plan.sealed()) return "";
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null);
             JarFile in = new JarFile(jar.toFile(), false);
             OutputStream file = Files.newOutputStream(tmp);
             JarOutputStream out = new JarOutputStream(file)) {
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (JarEntry entry : Collections.list(in.entries())) {
                String name = entry.getName();
                if (isSignatureFile(name)) continue;
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (name.equals(JarFile.MANIFEST_NAME)) bytes = rewrittenManifest(bytes, plan.signatureFiles() > 0);
                else if (isOldClass(name, bytes)) bytes = upgraded(classFile, bytes);
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<String> parts = new ArrayList<>();
        if (plan.oldClasses() > 0) parts.add(plan.oldClasses() + " class files older than Java 6 upgraded");
        if (plan.signatureFiles() > 0) parts.add("signature dropped");
        if (plan.sealed()) parts.add("unsealed");
        return String.join(", ", parts);
    }

    private record Plan(int oldClasses, int signatureFiles, boolean sealed) {
    }

    private static Plan plan(Path jar) throws IOException {
        int oldClasses = 0;
        int signatureFiles = 0;
        boolean sealed;
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            sealed = isSealed(in.getManifest());
            for (JarEntry entry : Collections.list(in.entries())) {
                if (isSignatureFile(entry.getName())) {
                    signatureFiles++;
                } else if (entry.getName().endsWith(".class")) {
                    try (InputStream data = in.getInputStream(entry)) {
                        if (isOldClass(entry.getName(), data.readNBytes(8))) oldClasses++;
                    }
                }
            }
        }
        return new Plan(oldClasses, signatureFiles, sealed);
    }

    /** Whether the entry is a class file (not a module descriptor) whose major version is below Java 6's. */
    private static boolean isOldClass(String name, byte[] header) {
        if (!name.endsWith(".class") || name.endsWith("module-info.class") || header.length < 8) return false;
        int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        return major < OLDEST_CACHEABLE_VERSION;
    }

    private static byte[] upgraded(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        // every method body is rebuilt, which makes the API emit its stack maps at the new version
        return classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(ClassTransform.endHandler(builder -> builder.withVersion(REWRITTEN_VERSION, 0))));
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) return false;
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }

    private static boolean isSealed(Manifest manifest) {
        if (manifest == null) return false;
        if (manifest.getMainAttributes().containsKey(Attributes.Name.SEALED)) return true;
        return manifest.getEntries().values().stream().anyMatch(entry -> entry.containsKey(Attributes.Name.SEALED));
    }

    /**
     * The manifest without {@code Sealed} attributes, and with only its main attributes when the jar was signed
     * (the per-entry digests belonged to the dropped signature).
     */
    private static byte[] rewrittenManifest(byte[] manifestBytes, boolean signed) throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        Manifest kept = new Manifest();
        kept.getMainAttributes().putAll(manifest.getMainAttributes());
        kept.getMainAttributes().remove(Attributes.Name.SEALED);
        if (kept.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION) == null) {
            kept.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }
        if (!signed) {
            for (var entry : manifest.getEntries().entrySet()) {
                Attributes attributes = new Attributes(entry.getValue());
                attributes.remove(Attributes.Name.SEALED);
                if (!attributes.isEmpty()) kept.getEntries().put(entry.getKey(), attributes);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kept.write(out);
        return out.toByteArray();
    }
}
