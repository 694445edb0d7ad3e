package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.base.RocketException;
import dev.rocket.net.JoinedNetworks;
import dev.rocket.net.NetworkAttachment;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodState;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A pod as {@code rkt list --format=json} and {@code rkt status --format=json} print it (rkt's field names). */
final class PodJson {

    private PodJson() {
    }

    static ObjectNode of(PodInfo pod) {
        ObjectNode node = JsonOutput.object();
        node.put("name", pod.uuid().toString());
        node.put("state", pod.state().toString());
        ArrayNode networks = node.putArray("networks");
        for (NetworkAttachment network : networks(pod)) {
            ObjectNode entry = networks.addObject();
            entry.put("netName", network.network());
            entry.put("ifName", network.ifName());
            entry.put("ip", network.ip());
            network.gateway().ifPresent(gateway -> entry.put("gateway", gateway));
        }
        ArrayNode apps = node.putArray("app_names");
        ArrayNode images = node.putArray("images");
        for (PodApp app : pod.summary().apps()) {
            apps.add(app.name().toString());
            ObjectNode image = images.addObject();
            app.imageName().ifPresent(name -> image.put("name", name.toString()));
            app.imageId().ifPresent(id -> image.put("id", id.value()));
        }
        pod.summary().created().ifPresent(t -> node.put("created_at", nanos(t)));
        pod.summary().started().ifPresent(t -> node.put("started_at", nanos(t)));
        return node;
    }

    /** The networks a running pod joined (they are left when it exits), from its saved state. */
    static List<NetworkAttachment> networks(PodInfo pod) {
        if (pod.state() != PodState.RUNNING) return List.of();
        try {
            return JoinedNetworks.read(pod.dir());
        } catch (RocketException e) {
            return List.of();
        }
    }

    /** rkt's NAME:ip4=IP,NAME:ip4=IP form. */
    static String shown(PodInfo pod) {
        if (pod.state() != PodState.RUNNING) return "";
        return networks(pod).stream().map(NetworkAttachment::shown).collect(Collectors.joining(","));
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
