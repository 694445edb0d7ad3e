package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodInfo;
import dev.rocket.spec.types.AcName;

import java.util.List;
import java.util.stream.Collectors;

/** Picks the apps of a pod that {@code --app} names, for the commands that act on one app or on each. */
final class PodApps {

    private PodApps() {
    }

    /** The app named {@code name}, or the pod's only app when no name is given. */
    static AcName one(PodInfo pod, String name) throws RocketException {
        List<AcName> apps = pod.summary().apps().stream().map(PodApp::name).toList();
        if (name == null) {
            if (apps.size() == 1) return apps.getFirst();
            throw new RocketException(Kind.INVALID_ARGUMENT, "pod " + pod.uuid() + " has " + apps.size()
                    + " apps (" + names(apps) + "); choose one with --app");
        }
        return apps.stream().filter(app -> app.value().equals(name)).findFirst().orElseThrow(() -> new RocketException(
                Kind.NOT_FOUND, "pod " + pod.uuid() + " has no app " + name + "; its apps are " + names(apps)));
    }

    /** The app named {@code name}, or every app of the pod. */
    static List<AcName> selected(PodInfo pod, String name) throws RocketException {
        if (name != null) return List.of(one(pod, name));
        return pod.summary().apps().stream().map(PodApp::name).toList();
    }

    private static String names(List<AcName> apps) {
        return apps.stream().map(AcName::value).collect(Collectors.joining(", "));
    }
}
