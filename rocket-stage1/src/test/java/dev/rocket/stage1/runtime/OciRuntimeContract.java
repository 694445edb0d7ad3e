package dev.rocket.stage1.runtime;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Signal;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.NoNewPrivilegesIsolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.UserMap;
import dev.rocket.stage1.TestRootfs;
import dev.rocket.stage1.oci.AppLaunch;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.oci.HostLimits;
import dev.rocket.stage1.oci.NamespaceSource;
import dev.rocket.stage1.oci.OciBundle;
import dev.rocket.stage1.oci.OciConfigTranslator;
import dev.rocket.stage1.oci.PodFacts;
import dev.rocket.stage1.oci.VolumeMount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link OciRuntime} must do with a bundle the translator wrote, checked from inside the container.
 * Needs root, the runtime and the host's static busybox; cleans up every container it made.
 */
abstract class OciRuntimeContract {

    @TempDir
    Path dir;
    private Path rootfs;
    private OciRuntime runtime;
    private final List<String> containers = new ArrayList<>();
    private int bundles;

    /** The runtime under test, keeping its state under {@code stateRoot}. */
    abstract OciRuntime runtime(Path stateRoot) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isRegularFile(TestRootfs.BUSYBOX), "needs a static /bin/busybox (Debian busybox-static)");
        runtime = runtime(dir.resolve("state"));
        rootfs = TestRootfs.create(dir);
    }

    @AfterEach
    void deleteContainers() {
        for (String id : containers) {
            try {
                runtime.delete(id, true);
            } catch (RocketException e) {
                // Already gone: a run container deletes itself when it exits.
            }
        }
    }

    /** Output of a container, and its exit code. */
    record Result(int code, String out) {
    }

    private static App app(String user, String group, Optional<String> cwd, Environment env, Isolator... isolators) {
        return new App(Exec.of("/bin/sh", "-c", "true"), List.of(), user, group, List.of(), cwd, env, List.of(),
                List.of(), List.of(isolators), UserMap.NONE, UserMap.NONE);
    }

    private static App withScript(App app, String script) {
        return new App(Exec.of("/bin/sh", "-c", script), app.eventHandlers(), app.user(), app.group(),
                app.supplementaryGids(), app.workingDirectory(), app.environment(), app.mountPoints(), app.ports(),
                app.isolators(), app.userAnnotations(), app.userLabels());
    }

    private Result run(String script, App app, boolean readOnlyRoot, List<VolumeMount> volumes, PodFacts pod)
            throws Exception {
        String id = "rocket-test-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(id);
        AppLaunch launch = new AppLaunch(new AcName("web"), withScript(app, script), readOnlyRoot, rootfs, volumes,
                List.of(), id, Flavor.DEFAULT, InsecureOptions.none());
        Path bundle = dir.resolve("bundle" + bundles++);
        new OciBundle(bundle).write(new OciConfigTranslator(HostLimits.read()).translate(launch, pod));
        Path out = dir.resolve(id + ".out");
        int code = runtime.run(bundle, id, new Stdio(Redirect.from(new java.io.File("/dev/null")),
                Redirect.to(out.toFile()), Redirect.to(dir.resolve(id + ".err").toFile())));
        return new Result(code, Files.readString(out));
    }

    private Result run(String script, App app) throws Exception {
        return run(script, app, false, List.of(), PodFacts.isolated(PodUuid.random(), "rocket-test"));
    }

    private static App root(Isolator... isolators) {
        return app("0", "0", Optional.empty(), Environment.NONE, isolators);
    }

    private static String mask(Set<Capability> set) {
        long bits = 0;
        for (Capability capability : set) bits |= 1L << capability.number();
        return String.format("%016x", bits);
    }

    private static String statusField(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).strip())
                .findFirst().orElse("");
    }

    @Test
    void exitCodePassesThrough() throws Exception {
        assertEquals(7, run("exit 7", root()).code());
        assertEquals(0, run("true", root()).code());
    }

    @Test
    void defaultCapabilitiesAndNoNewPrivileges() throws Exception {
        Result result = run("cat /proc/self/status", root(new NoNewPrivilegesIsolator(true)));
        assertEquals(0, result.code());
        assertEquals(mask(Capability.APPC_DEFAULT_SET), statusField(result.out(), "CapBnd"));
        assertEquals(mask(Capability.APPC_DEFAULT_SET), statusField(result.out(), "CapEff"));
        assertEquals("1", statusField(result.out(), "NoNewPrivs"));
    }

    @Test
    void retainSetBoundsTheCapabilities() throws Exception {
        Set<Capability> retained = Set.of(Capability.CAP_NET_ADMIN, Capability.CAP_KILL);
        Result result = run("cat /proc/self/status", root(new CapabilitiesRetainSetIsolator(retained)));
        assertEquals(mask(retained), statusField(result.out(), "CapBnd"));
        assertEquals(mask(retained), statusField(result.out(), "CapEff"));
        assertEquals("0", statusField(result.out(), "NoNewPrivs"));
    }

    @Test
    void namedUserAndGroupFromTheImagesPasswd() throws Exception {
        Result result = run("id -u; id -g", app(TestRootfs.USER, TestRootfs.GROUP, Optional.empty(), Environment.NONE));
        assertEquals(TestRootfs.USER_UID + "\n" + TestRootfs.GROUP_GID + "\n", result.out());
    }

    @Test
    void environmentAndWorkingDirectory() throws Exception {
        Result result = run("pwd; env", app("0", "0", Optional.of("/srv/data"),
                new Environment(List.of(new EnvironmentVariable("GREETING", "hello")))));
        List<String> lines = result.out().lines().toList();
        assertEquals("/srv/data", lines.getFirst());
        assertTrue(lines.containsAll(List.of("GREETING=hello", "AC_APP_NAME=web", "container=rocket",
                "PATH=" + OciConfigTranslator.DEFAULT_PATH)), result.out());
    }

    @Test
    void readOnlyRootfsRefusesWrites() throws Exception {
        Result result = run("touch /written && echo wrote || echo refused", root(), true, List.of(),
                PodFacts.isolated(PodUuid.random(), "h"));
        assertEquals("refused\n", result.out());
        assertTrue(Files.notExists(rootfs.resolve("written")));
    }

    @Test
    void hostVolumesAreVisibleAndReadOnlyOnesNotWritable() throws Exception {
        Path writable = Files.createDirectories(dir.resolve("host-rw"));
        Path readOnly = Files.createDirectories(dir.resolve("host-ro"));
        Files.writeString(readOnly.resolve("hello"), "from the host");
        Result result = run("cat /ro/hello; echo; echo x > /rw/new && echo rw-ok; echo x > /ro/new || echo ro-refused",
                root(), false, List.of(new VolumeMount(writable, "/rw", false, true),
                        new VolumeMount(readOnly, "/ro", true, true)), PodFacts.isolated(PodUuid.random(), "h"));
        assertEquals("from the host\nrw-ok\nro-refused\n", result.out());
        assertEquals("x\n", Files.readString(writable.resolve("new")));
        assertTrue(Files.notExists(readOnly.resolve("new")));
    }

    @Test
    void twoContainersJoiningOnePinnedNetworkNamespaceSeeTheSameInterfaces() throws Exception {
        String netns = "rocket-test-" + UUID.randomUUID().toString().substring(0, 8);
        command("ip", "netns", "add", netns);
        try {
            command("ip", "netns", "exec", netns, "ip", "link", "add", "rkt-a0", "type", "veth", "peer", "name", "rkt-b0");
            PodFacts pod = new PodFacts(PodUuid.random(), "pod", NamespaceSource.joined(Path.of("/run/netns", netns)),
                    NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(), Optional.empty());
            Result first = run("ip -o link | cut -d: -f2", root(), false, List.of(), pod);
            Result second = run("ip -o link | cut -d: -f2", root(), false, List.of(), pod);
            assertTrue(first.out().contains("rkt-a0"), first.out());
            assertEquals(first.out(), second.out());
            Result own = run("ip -o link | cut -d: -f2", root());
            assertTrue(!own.out().contains("rkt-a0"), own.out());
        } finally {
            command("ip", "netns", "delete", netns);
        }
    }

    @Test
    void createStartStateKillDelete() throws Exception {
        String id = "rocket-test-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(id);
        AppLaunch launch = new AppLaunch(new AcName("web"), withScript(root(), "sleep 60"), false, rootfs, List.of(),
                List.of(), id, Flavor.DEFAULT, InsecureOptions.none());
        Path bundle = dir.resolve("lifecycle");
        new OciBundle(bundle).write(new OciConfigTranslator(HostLimits.read())
                .translate(launch, PodFacts.isolated(PodUuid.random(), "h")));
        runtime.create(bundle, id, Stdio.discard());
        assertEquals("created", runtime.state(id).status());
        runtime.start(id);
        ContainerState running = runtime.state(id);
        assertEquals("running", running.status());
        assertNotEquals(0, running.pid());
        runtime.kill(id, Signal.SIGKILL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!runtime.state(id).status().equals("stopped") && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals("stopped", runtime.state(id).status());
        runtime.delete(id, false);
        RocketException gone = org.junit.jupiter.api.Assertions.assertThrows(RocketException.class, () -> runtime.state(id));
        assertEquals(RocketException.Kind.NOT_FOUND, gone.kind());
    }

    @Test
    void runArgvStartsWithAnAbsoluteProgramAndNamesTheContainer() {
        List<String> argv = runtime.runArgv(Path.of("/pods/x/bundle"), "app-id");
        assertTrue(Path.of(argv.getFirst()).isAbsolute(), argv.toString());
        assertEquals("app-id", argv.getLast());
        assertTrue(argv.contains("/pods/x/bundle"), argv.toString());
    }

    private static void command(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IOException(String.join(" ", argv) + " failed: " + output);
    }
}
