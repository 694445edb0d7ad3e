package dev.rocket.spec.render;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PathWhitelist;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which the rootfs of an image and of its dependencies are applied (ace.md "Filesystem
 * Setup"): depth-first, each dependency's own dependencies before it, in listed order, the image last. An
 * image reached by several paths is applied once per path, each time with that path's whitelists:
 * {@code A -> [B, C], B -> [D], C -> [D]} gives D, B, D, C, A.
 *
 * @param <T> how the caller names images (a manifest, an image ID, a test's letter)
 */
public final class DependencyOrder<T> {

    private final Function<T, List<T>> dependencies;
    private final Function<T, PathWhitelist> pathWhitelist;
    private final Function<T, String> describe;

    public DependencyOrder(Function<T, List<T>> dependencies, Function<T, PathWhitelist> pathWhitelist,
                           Function<T, String> describe) {
        this.dependencies = dependencies;
        this.pathWhitelist = pathWhitelist;
        this.describe = describe;
    }

    /** The layers to apply to render {@code image}, lowest first. */
    public List<RenderLayer<T>> layers(T image) throws SpecException {
        List<RenderLayer<T>> layers = new ArrayList<>();
        visit(image, new ArrayDeque<>(), new ArrayList<>(), layers);
        return layers;
    }

    private void visit(T image, Deque<T> path, List<PathWhitelist> above, List<RenderLayer<T>> layers)
            throws SpecException {
        if (path.contains(image)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (var it = path.descendingIterator(); it.hasNext(); ) {
                T step = it.next();
                inCycle |= step.equals(image);
                if (inCycle) cycle.add(describe.apply(step));
            }
            cycle.add(describe.apply(image));
            throw new SpecException("dependencies", String.join(" -> ", cycle), "image dependencies must not form a cycle");
        }
        path.push(image);
        List<PathWhitelist> withOwn = new ArrayList<>();
        withOwn.add(pathWhitelist.apply(image));
        withOwn.addAll(above);
        for (T dependency : dependencies.apply(image)) {
            visit(dependency, path, withOwn, layers);
        }
        layers.add(new RenderLayer<>(image, withOwn));
        path.pop();
    }
}
