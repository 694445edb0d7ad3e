package dev.rocket.store;

import dev.rocket.spec.types.ImageId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreLayoutTest {

    @Test
    void followsRktsCasLayout() {
        StoreLayout layout = new StoreLayout(Path.of("/var/lib/rkt/../rkt"));
        ImageId id = new ImageId("sha512-" + "9f".repeat(64));
        assertEquals(Path.of("/var/lib/rkt"), layout.dir());
        assertEquals(Path.of("/var/lib/rkt/cas/blob/sha512/9f/" + id), layout.blob(id));
        assertEquals(Path.of("/var/lib/rkt/cas/db/images.sqlite3"), layout.database());
        assertEquals(Path.of("/var/lib/rkt/cas/tmp"), layout.tmp());
        assertEquals(Path.of("/var/lib/rkt/cas/store.lock"), layout.lockFile());
        assertEquals(StoreLayout.defaultLayout(), layout);
    }
}
