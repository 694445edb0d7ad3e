package dev.rocket.spec.schema;

import dev.rocket.spec.Violation;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EventHandler;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.UniqueNames;
import dev.rocket.spec.types.UserMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to run an image as an application (aci.md "app"); in a pod manifest, the same object replaces the
 * image's own. {@code user} and {@code group} are required: a name, a number, or an absolute path whose owner
 * is used.
 *
 * @param supplementaryGids additional group IDs, each from 0 to 2<sup>32</sup>-1
 * @param workingDirectory  absolute; "/" when absent
 */
public record App(Exec exec, List<EventHandler> eventHandlers, String user, String group, List<Long> supplementaryGids,
                  Optional<String> workingDirectory, Environment environment, List<MountPoint> mountPoints,
                  List<Port> ports, List<Isolator> isolators, UserMap userAnnotations, UserMap userLabels) {

    public static final long MAX_ID = 0xFFFF_FFFFL;

    public App {
        eventHandlers = List.copyOf(eventHandlers);
        supplementaryGids = List.copyOf(supplementaryGids);
        mountPoints = List.copyOf(mountPoints);
        ports = List.copyOf(ports);
        isolators = List.copyOf(isolators);
        if (exec == null || environment == null || workingDirectory == null
                || userAnnotations == null || userLabels == null) {
            throw new IllegalArgumentException("use empty values, not null, for absent app fields");
        }
        Violation.requireNone(problems(user, group, supplementaryGids, workingDirectory, eventHandlers, mountPoints, ports));
    }

    /** An app with only the required fields and a command line. */
    public static App of(Exec exec, String user, String group) {
        return new App(exec, List.of(), user, group, List.of(), Optional.empty(), Environment.NONE, List.of(),
                List.of(), List.of(), UserMap.NONE, UserMap.NONE);
    }

    /** This app running {@code newExec} instead (an event handler runs in its app's environment). */
    public App withExec(Exec newExec) {
        return new App(newExec, eventHandlers, user, group, supplementaryGids, workingDirectory, environment, mountPoints,
                ports, isolators, userAnnotations, userLabels);
    }

    /** Rules across the app's fields; paths are relative to the app object ({@code $.ports[1].name}). */
    static List<Violation> problems(String user, String group, List<Long> supplementaryGids,
                                    Optional<String> workingDirectory, List<EventHandler> eventHandlers,
                                    List<MountPoint> mountPoints, List<Port> ports) {
        List<Violation> problems = new ArrayList<>();
        if (user == null || user.isEmpty()) {
            problems.add(new Violation("$.user", user, "an app needs a user: a name, a UID, or an absolute path"));
        }
        if (group == null || group.isEmpty()) {
            problems.add(new Violation("$.group", group, "an app needs a group: a name, a GID, or an absolute path"));
        }
        for (int i = 0; i < supplementaryGids.size(); i++) {
            long gid = supplementaryGids.get(i);
            if (gid < 0 || gid > MAX_ID) {
                problems.add(new Violation("$.supplementaryGIDs[" + i + "]", Long.toString(gid),
                        "a group ID must be from 0 to " + MAX_ID));
            }
        }
        workingDirectory.filter(dir -> !dir.startsWith("/")).ifPresent(dir ->
                problems.add(new Violation("$.workingDirectory", dir, "the working directory must be an absolute path")));
        problems.addAll(Violation.under("$.eventHandlers", EventHandler.problems(eventHandlers)));
        problems.addAll(Violation.under("$.mountPoints", UniqueNames.violations(mountPoints, MountPoint::name, "mount point names")));
        problems.addAll(Violation.under("$.ports", UniqueNames.violations(ports, Port::name, "port names")));
        return problems;
    }

    public Optional<EventHandler> eventHandler(EventHandler.Event event) {
        return eventHandlers.stream().filter(h -> h.name() == event).findFirst();
    }

    /** The working directory the app starts in: as given, or "/". */
    public String effectiveWorkingDirectory() {
        return workingDirectory.orElse("/");
    }
}
