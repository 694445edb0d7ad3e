package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.cli.output.Humanize;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.cli.output.OutputFormat;
import dev.rocket.cli.output.Table;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rkt list}: every pod with its apps, images, state and times, one row per app. */
@Command(name = "list", description = "List pods.")
final class ListCommand implements Callable<Integer> {

    private static final int SHORT_UUID = 8;
    private static final int SHORT_IMAGE_ID_HEX = 12;

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--full", description = "Use long output format.")
    boolean full;

    @Option(names = "--no-legend", description = "Suppress a legend with the list.")
    boolean noLegend;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "Output format: tabular, json or json-pretty.")
    OutputFormat format = OutputFormat.TABULAR;

    @Override
    public Integer call() throws RocketException {
        Trace.mark("list: command");
        List<PodInfo> pods = rkt.global().pods().list();
        Trace.mark("list: " + pods.size() + " pods read");
        if (format.isJson()) {
            ArrayNode list = JsonOutput.array();
            for (PodInfo pod : pods) list.add(PodJson.of(pod));
            JsonOutput.print(spec.commandLine().getOut(), list, format == OutputFormat.JSON_PRETTY);
            return 0;
        }
        List<String> legend = full
                ? List.of("UUID", "APP", "IMAGE NAME", "IMAGE ID", "STATE", "CREATED", "STARTED", "NETWORKS")
                : List.of("UUID", "APP", "IMAGE NAME", "STATE", "CREATED", "STARTED", "NETWORKS");
        Table table = noLegend ? new Table() : new Table(legend);
        Instant now = Instant.now();
        // Plain loops, no streams or Optional chains per row: a thousand pods run this code cold.
        for (PodInfo pod : pods) {
            List<PodApp> apps = pod.summary().apps();
            int rows = Math.max(1, apps.size());
            for (int i = 0; i < rows; i++) {
                PodApp app = i < apps.size() ? apps.get(i) : null;
                List<String> row = new ArrayList<>(legend.size());
                String uuid = pod.uuid().toString();
                row.add(i > 0 ? "" : full ? uuid : uuid.substring(0, SHORT_UUID));
                row.add(app == null ? "-" : app.name().value());
                row.add(app == null || app.imageName().isEmpty() ? "-" : app.imageName().get().value());
                if (full) {
                    row.add(app == null || app.imageId().isEmpty() ? "-"
                            : "sha512-" + app.imageId().get().hex().substring(0, SHORT_IMAGE_ID_HEX));
                }
                if (i == 0) {
                    row.add(pod.state().toString());
                    row.add(time(pod.summary().created(), now));
                    row.add(time(pod.summary().started(), now));
                    row.add(PodJson.shown(pod));
                }
                table.row(row);
            }
        }
        Trace.mark("list: table made");
        table.print(spec.commandLine().getOut());
        Trace.mark("list: printed");
        return 0;
    }

    private String time(Optional<Instant> time, Instant now) {
        if (time.isEmpty()) return "";
        return full ? Humanize.fullTime(time.get()) : Humanize.ago(time.get(), now);
    }
}
