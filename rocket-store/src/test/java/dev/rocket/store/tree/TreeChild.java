package dev.rocket.store.tree;

import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;

import java.nio.file.Path;

/** The program {@link TreeStoreProcessTest} runs in child JVMs: {@code render DIR IMAGE_ID} prints the tree key. */
public final class TreeChild {

    private TreeChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ImageStore images = ImageStore.open(new StoreLayout(Path.of(args[1])))) {
            if (!args[0].equals("render")) throw new IllegalArgumentException("unknown command " + args[0]);
            System.out.println(TreeStore.open(images).render(new ImageId(args[2])).key());
        }
    }
}
