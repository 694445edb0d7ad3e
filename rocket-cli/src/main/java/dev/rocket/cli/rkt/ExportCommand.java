package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.cli.LinuxXattrReader;
import dev.rocket.cli.OutputFile;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.AcName;
import dev.rocket.stage0.PodExport;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rkt export}: an app of an exited pod, with its changes, as a gzip ACI under its image's manifest. */
@Command(name = "export", description = "Export an app from an exited pod to an ACI file.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Option(names = "--app", paramLabel = "NAME", description = "The app to export (needed when the pod has several).")
    String app;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Parameters(index = "0", paramLabel = "UUID", description = "The pod's UUID or a unique prefix of it.")
    String reference;

    @Parameters(index = "1", paramLabel = "OUTPUT.aci", description = "The image file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = rkt.global();
        Pods pods = global.pods();
        PodInfo pod = pods.get(pods.resolve(reference));
        AcName name = PodApps.one(pod, app);
        try (ImageStore store = global.openStore()) {
            PodExport export = new PodExport(store, new LinuxXattrReader());
            OutputFile.write(output, overwrite, out -> export.export(pod, name, out));
        }
        return 0;
    }
}
