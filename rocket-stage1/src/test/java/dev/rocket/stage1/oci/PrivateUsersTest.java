package dev.rocket.stage1.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.TestRootfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --private-users}: the user namespace in the configuration and the rootfs's owners shifted into it. */
class PrivateUsersTest {

    private static final IdMapping MAPPING = new IdMapping(300_000, IdMapping.DEFAULT_SIZE);

    @TempDir
    Path dir;
    private Path rootfs;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = TestRootfs.create(dir);
    }

    private JsonNode translate(Flavor flavor) throws RocketException {
        AppLaunch launch = new AppLaunch(new AcName("web"), App.of(Exec.of("/bin/sh"), "0", "0"), false, rootfs,
                List.of(), List.of(), "/c", flavor, InsecureOptions.none());
        PodFacts pod = PodFacts.isolated(PodUuid.random(), "h").withPrivateUsers(MAPPING);
        return new OciConfigTranslator(new HostLimits(Map.of()), HostCapabilities.all()).translate(launch, pod).toJsonTree();
    }

    @Test
    void theConfigurationHasAUserNamespaceMappingThePodsRange() throws Exception {
        JsonNode linux = translate(Flavor.DEFAULT).get("linux");
        assertTrue(linux.get("namespaces").valueStream().anyMatch(n -> n.get("type").asText().equals("user")));
        for (String field : List.of("uidMappings", "gidMappings")) {
            assertEquals(0, linux.at("/" + field + "/0/containerID").asLong());
            assertEquals(300_000, linux.at("/" + field + "/0/hostID").asLong());
            assertEquals(65_536, linux.at("/" + field + "/0/size").asLong());
        }
    }

    @Test
    void withoutPrivateUsersThereIsNoUserNamespace() throws Exception {
        AppLaunch launch = new AppLaunch(new AcName("web"), App.of(Exec.of("/bin/sh"), "0", "0"), false, rootfs,
                List.of(), List.of(), "/c", Flavor.DEFAULT, InsecureOptions.none());
        JsonNode linux = new OciConfigTranslator(new HostLimits(Map.of()), HostCapabilities.all())
                .translate(launch, PodFacts.isolated(PodUuid.random(), "h")).toJsonTree().get("linux");
        assertTrue(linux.get("namespaces").valueStream().noneMatch(n -> n.get("type").asText().equals("user")));
        assertTrue(linux.path("uidMappings").isMissingNode());
    }

    @Test
    void flyCannotHavePrivateUsers() {
        RocketException e = assertThrows(RocketException.class, () -> translate(Flavor.FLY));
        assertTrue(e.getMessage().contains("--private-users"), e.getMessage());
    }

    @Test
    void aRangeNeverStartsAtTheHostsRoot() {
        assertThrows(IllegalArgumentException.class, () -> new IdMapping(0, 65_536));
        assertThrows(IllegalArgumentException.class, () -> MAPPING.toHost(65_536));
        assertEquals(300_033, MAPPING.toHost(33));
    }

    @Test
    void ownersMoveIntoTheRangeKeepingSetuidBitsAndSymlinksUnfollowed() throws Exception {
        Path setuid = Files.writeString(rootfs.resolve("bin/su"), "x");
        Files.setAttribute(setuid, "unix:mode", 04755);
        Path outside = Files.writeString(dir.resolve("outside"), "host file");
        Files.createSymbolicLink(rootfs.resolve("etc/escape"), outside);
        Files.setAttribute(rootfs.resolve("srv/data"), "unix:uid", (int) TestRootfs.USER_UID);

        RootfsOwnerShift.shift(rootfs, MAPPING);

        assertEquals(300_000, uid(rootfs));
        assertEquals(300_000, uid(rootfs.resolve("etc/passwd")));
        assertEquals(300_000 + (int) TestRootfs.USER_UID, uid(rootfs.resolve("srv/data")));
        assertEquals(300_000, uid(rootfs.resolve("etc/escape")));
        assertEquals(0, uid(outside));
        assertEquals(04755, (Integer) Files.getAttribute(setuid, "unix:mode") & 07777);
    }

    @Test
    void anOwnerOutsideTheRangeIsRefused() throws Exception {
        Files.setAttribute(rootfs.resolve("srv/data"), "unix:uid", 70_000);
        RocketException e = assertThrows(RocketException.class, () -> RootfsOwnerShift.shift(rootfs, MAPPING));
        assertTrue(e.getMessage().startsWith("/srv/data in the image is owned by 70000:0"), e.getMessage());
    }

    private static int uid(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
