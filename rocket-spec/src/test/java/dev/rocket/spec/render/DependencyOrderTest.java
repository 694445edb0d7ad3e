package dev.rocket.spec.render;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PathWhitelist;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyOrderTest {

    private static DependencyOrder<String> order(Map<String, List<String>> graph, Map<String, List<String>> whitelists) {
        return new DependencyOrder<>(image -> graph.getOrDefault(image, List.of()),
                image -> new PathWhitelist(whitelists.getOrDefault(image, List.of())), image -> image);
    }

    private static List<String> images(List<RenderLayer<String>> layers) {
        return layers.stream().map(RenderLayer::image).toList();
    }

    @Test
    void theSpecsTreeExample() throws SpecException {
        assertEquals(List.of("B", "D", "C", "A"),
                images(order(Map.of("A", List.of("B", "C"), "C", List.of("D")), Map.of()).layers("A")));
    }

    @Test
    void theSpecsDiamondAppliesTheSharedDependencyOncePerPath() throws SpecException {
        assertEquals(List.of("D", "B", "D", "C", "A"),
                images(order(Map.of("A", List.of("B", "C"), "B", List.of("D"), "C", List.of("D")), Map.of()).layers("A")));
    }

    @Test
    void eachPassFiltersWithTheWhitelistsAboveIt() throws SpecException {
        List<RenderLayer<String>> layers = order(Map.of("A", List.of("B", "C"), "B", List.of("D"), "C", List.of("D")),
                Map.of("B", List.of("/etc/b", "/usr/bin/d"), "A", List.of("/etc/b", "/usr/bin/d", "/usr/bin/e"))).layers("A");
        RenderLayer<String> dViaB = layers.get(0);
        RenderLayer<String> dViaC = layers.get(2);
        assertEquals(2, dViaB.whitelists().size());
        assertEquals(1, dViaC.whitelists().size());
        assertTrue(dViaB.admits("/usr/bin/d", false));
        assertFalse(dViaB.admits("/usr/bin/e", false));
        assertTrue(dViaC.admits("/usr/bin/e", false));
        assertTrue(dViaB.admits("/usr/bin", true));
        assertTrue(dViaB.admits("/", true));
        assertFalse(dViaB.admits("/usr/bin", false));
        assertFalse(dViaB.admits("/var", true));
    }

    @Test
    void noWhitelistAdmitsEverything() throws SpecException {
        assertTrue(order(Map.of(), Map.of()).layers("A").getFirst().admits("/anything", false));
    }

    @Test
    void cyclesAreRefusedNamingTheCycle() {
        SpecException e = assertThrows(SpecException.class,
                () -> order(Map.of("A", List.of("B"), "B", List.of("C"), "C", List.of("B")), Map.of()).layers("A"));
        assertEquals("B -> C -> B", e.violations().getFirst().value());
    }

    @Test
    void overlayReplacesSymlinksNeverFollowsThem() {
        assertEquals(OverlayRule.REPLACE, OverlayRule.decide(OverlayRule.Existing.SYMLINK, true));
        assertEquals(OverlayRule.REPLACE, OverlayRule.decide(OverlayRule.Existing.SYMLINK, false));
        assertEquals(OverlayRule.MERGE_DIRECTORY, OverlayRule.decide(OverlayRule.Existing.DIRECTORY, true));
        assertEquals(OverlayRule.REPLACE, OverlayRule.decide(OverlayRule.Existing.DIRECTORY, false));
        assertEquals(OverlayRule.REPLACE, OverlayRule.decide(OverlayRule.Existing.OTHER, true));
        assertEquals(OverlayRule.CREATE, OverlayRule.decide(OverlayRule.Existing.NOTHING, false));
    }
}
