package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rocket.base.RocketException;
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
        List<PodInfo> pods = rkt.global().pods().list();
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
        for (PodInfo pod : pods) {
            List<Optional<PodApp>> apps = pod.summary().apps().isEmpty() ? List.of(Optional.empty())
                    : pod.summary().apps().stream().map(Optional::of).toList();
            for (int i = 0; i < apps.size(); i++) {
                Optional<PodApp> app = apps.get(i);
                List<String> row = new ArrayList<>();
                row.add(i > 0 ? "" : full ? pod.uuid().toString() : pod.uuid().toString().substring(0, SHORT_UUID));
                row.add(app.map(a -> a.name().toString()).orElse("-"));
                row.add(app.flatMap(PodApp::imageName).map(Object::toString).orElse("-"));
                if (full) {
                    row.add(app.flatMap(PodApp::imageId).map(id -> "sha512-" + id.hex().substring(0, SHORT_IMAGE_ID_HEX)).orElse("-"));
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
        table.print(spec.commandLine().getOut());
        return 0;
    }

    private String time(Optional<Instant> time, Instant now) {
        return time.map(t -> full ? Humanize.fullTime(t) : Humanize.ago(t, now)).orElse("");
    }
}
