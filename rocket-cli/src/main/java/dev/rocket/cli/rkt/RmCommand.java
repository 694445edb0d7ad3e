package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.PodUuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rkt rm}: remove exited or prepared pods now, without waiting for gc. */
@Command(name = "rm", description = "Remove all files and resources associated with an exited pod.")
final class RmCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--uuid-file", paramLabel = "FILE", description = "Read the pod's UUID from this file.")
    Path uuidFile;

    @Parameters(arity = "0..*", paramLabel = "UUID", description = "Pod UUIDs or unique prefixes.")
    List<String> references = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        Pods pods = rkt.global().pods();
        PrintWriter err = spec.commandLine().getErr();
        List<PodUuid> uuids = new ArrayList<>();
        if (uuidFile != null) uuids.add(PodReference.resolve(pods, null, uuidFile));
        if (uuidFile == null && references.isEmpty()) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "give the UUIDs of the pods to remove (or --uuid-file)");
        }
        int failed = 0;
        for (String reference : references) {
            try {
                uuids.add(pods.resolve(reference));
            } catch (RocketException e) {
                err.println("rkt: " + e.getMessage());
                failed++;
            }
        }
        for (PodUuid uuid : uuids) {
            try {
                pods.remove(uuid, rkt.global().runtimeCleanup());
                err.println("\"" + uuid + "\"");
            } catch (RocketException e) {
                err.println("rkt: " + e.getMessage());
                failed++;
            }
        }
        err.flush();
        return failed == 0 ? 0 : 254;
    }
}
