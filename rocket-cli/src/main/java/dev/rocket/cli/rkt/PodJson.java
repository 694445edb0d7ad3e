package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodInfo;

import java.time.Instant;

/** A pod as {@code rkt list --format=json} and {@code rkt status --format=json} print it (rkt's field names). */
final class PodJson {

    private PodJson() {
    }

    static ObjectNode of(PodInfo pod) {
        ObjectNode node = JsonOutput.object();
        node.put("name", pod.uuid().toString());
        node.put("state", pod.state().toString());
        node.putArray("networks");
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

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
