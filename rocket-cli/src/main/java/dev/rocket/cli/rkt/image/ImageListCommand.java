package dev.rocket.cli.rkt.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.cli.output.Humanize;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.cli.output.OutputFormat;
import dev.rocket.cli.output.Table;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.RenderedTree;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rkt image list}: the images of the store, read from its index only. */
@Command(name = "list", description = "List images in the local store.")
final class ImageListCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--fields", split = ",", paramLabel = "FIELDS",
            description = "Fields to display: id, name, importtime, lastused, size, latest (default: all).")
    List<ImageField> fields = List.of(ImageField.values());

    @Option(names = "--full", description = "Use long output format.")
    boolean full;

    @Option(names = "--no-legend", description = "Suppress a legend with the list.")
    boolean noLegend;

    @Option(names = "--sort", split = ",", paramLabel = "FIELDS", description = "Sort by these fields (default: importtime).")
    List<ImageField> sort = List.of(ImageField.importtime);

    @Option(names = "--order", paramLabel = "asc|desc", description = "Sorting order: asc or desc (default: asc).")
    SortOrder order = SortOrder.asc;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "Output format: tabular, json or json-pretty.")
    OutputFormat format = OutputFormat.TABULAR;

    enum SortOrder { asc, desc }

    @Override
    public Integer call() throws RocketException {
        List<ImageRecord> images;
        Map<ImageId, Long> treeBytes = new HashMap<>();
        Trace.mark("image list: command");
        try (ImageStore store = image.global().openStore()) {
            Trace.mark("image list: store opened");
            images = new ArrayList<>(store.list());
            Trace.mark("image list: " + images.size() + " images read");
            TreeStore trees = TreeStore.open(store);
            for (RenderedTree tree : trees.list()) treeBytes.merge(tree.image(), trees.size(tree.key()), Long::sum);
            Trace.mark("image list: trees measured");
        }
        Map<ImageId, Long> sizes = new HashMap<>();
        for (ImageRecord record : images) sizes.put(record.id(), record.size() + treeBytes.getOrDefault(record.id(), 0L));
        Map<ImageRecord, Boolean> latest = latestOfEachName(images);
        Comparator<ImageRecord> comparator = null;
        for (ImageField field : sort) {
            Comparator<ImageRecord> next = field.comparator(latest, sizes);
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        if (comparator != null) images.sort(order == SortOrder.desc ? comparator.reversed() : comparator);
        PrintWriter out = spec.commandLine().getOut();
        if (format.isJson()) {
            ArrayNode list = JsonOutput.array();
            for (ImageRecord record : images) {
                list.add(json(record, latest.get(record), treeBytes.getOrDefault(record.id(), 0L)));
            }
            JsonOutput.print(out, list, format == OutputFormat.JSON_PRETTY);
            return 0;
        }
        Table table = noLegend ? new Table() : new Table(fields.stream().map(ImageField::legend).toList());
        Instant now = Instant.now();
        for (ImageRecord record : images) {
            List<String> row = new ArrayList<>(fields.size());
            for (ImageField field : fields) row.add(field.cell(record, latest.get(record), sizes.get(record.id()), full, now));
            table.row(row);
        }
        Trace.mark("image list: table made");
        table.print(out);
        Trace.mark("image list: printed");
        return 0;
    }

    /**
     * An image is the latest of its name when no image of the same name was imported after it. Keyed by identity:
     * a record's own hash code would hash every field and label of it, per row.
     */
    private static Map<ImageRecord, Boolean> latestOfEachName(List<ImageRecord> images) {
        Map<String, ImageRecord> newest = new HashMap<>();
        for (ImageRecord record : images) {
            ImageRecord other = newest.get(record.name().value());
            if (other == null || !other.importTime().isAfter(record.importTime())) newest.put(record.name().value(), record);
        }
        Map<ImageRecord, Boolean> latest = new IdentityHashMap<>();
        for (ImageRecord record : images) latest.put(record, newest.get(record.name().value()) == record);
        return latest;
    }

    /** {@code size} counts the tar and the rendered trees, as rkt's did; the parts are listed too. */
    private static ObjectNode json(ImageRecord record, boolean latest, long treeBytes) {
        ObjectNode node = JsonOutput.object();
        node.put("id", record.id().value());
        node.put("name", record.name().value());
        ObjectNode labels = node.putObject("labels");
        record.labels().forEach((k, v) -> labels.put(k.value(), v));
        node.put("importTime", record.importTime().toString());
        node.put("lastUsed", record.lastUsed().toString());
        node.put("size", record.size() + treeBytes);
        node.put("aciSize", record.size());
        node.put("treeStoreSize", treeBytes);
        node.put("latest", latest);
        record.origin().ifPresent(origin -> node.put("origin", origin.toString()));
        return node;
    }
}
