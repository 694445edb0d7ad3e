package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.stage1.oci.OciBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The isolator reports saved with a pod's apps ({@code apps/<app>/isolators.json}), for {@code rkt status}. */
final class PodIsolatorReports {

    private PodIsolatorReports() {
    }

    /** The reports of the pod in {@code podDir}, by app name; apps without one (not yet started) are left out. */
    static List<IsolatorReport> read(Path podDir) throws RocketException {
        Path apps = podDir.resolve("apps");
        if (!Files.isDirectory(apps)) return List.of();
        List<IsolatorReport> reports = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(apps)) {
            for (Path app : dirs.sorted().toList()) {
                Optional<IsolatorReport> report = new OciBundle(app).readReport();
                report.ifPresent(reports::add);
            }
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read the isolator reports of pod " + podDir.getFileName()
                    + ": " + e.getMessage(), e);
        }
        return reports;
    }

    /** One status line per app: {@code isolators-APP=NAME:OUTCOME,...}. */
    static String statusLine(IsolatorReport report) {
        return "isolators-" + report.app() + "=" + report.entries().stream()
                .map(e -> e.isolator() + ":" + e.outcome().json()).collect(Collectors.joining(","));
    }
}
