package dev.rocket.spec.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.Dependency;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.EventHandler;
import dev.rocket.spec.types.ExposedPort;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.UserMap;
import dev.rocket.spec.types.Volume;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes manifests as JSON trees in the field order of the specification's schemas, as rkt did. Optional
 * fields that are absent or empty are left out; a port's count and socketActivated are always written.
 */
final class ManifestWriter {

    private ManifestWriter() {
    }

    static ObjectNode imageManifest(ImageManifest m) {
        ObjectNode json = ManifestJson.object();
        json.put("acKind", m.acKind().value());
        json.put("acVersion", m.acVersion().toString());
        json.put("name", m.name().value());
        labels(json, m.labels());
        m.app().ifPresent(app -> app(json.putObject("app"), app));
        annotations(json, m.annotations());
        list(json, "dependencies", m.dependencies(), ManifestWriter::dependency);
        if (!m.pathWhitelist().isEmpty()) m.pathWhitelist().paths().forEach(json.putArray("pathWhitelist")::add);
        return json;
    }

    static ObjectNode podManifest(PodManifest m) {
        ObjectNode json = ManifestJson.object();
        json.put("acVersion", m.acVersion().toString());
        json.put("acKind", m.acKind().value());
        ArrayNode apps = json.putArray("apps");
        m.apps().forEach(app -> runtimeApp(apps.addObject(), app));
        list(json, "volumes", m.volumes(), ManifestWriter::volume);
        isolators(json, m.isolators());
        annotations(json, m.annotations());
        list(json, "ports", m.ports(), ManifestWriter::exposedPort);
        userMap(json, "userAnnotations", m.userAnnotations());
        userMap(json, "userLabels", m.userLabels());
        return json;
    }

    private static void app(ObjectNode json, App app) {
        if (!app.exec().isEmpty()) app.exec().args().forEach(json.putArray("exec")::add);
        list(json, "eventHandlers", app.eventHandlers(), ManifestWriter::eventHandler);
        json.put("user", app.user());
        json.put("group", app.group());
        if (!app.supplementaryGids().isEmpty()) app.supplementaryGids().forEach(json.putArray("supplementaryGIDs")::add);
        app.workingDirectory().ifPresent(dir -> json.put("workingDirectory", dir));
        list(json, "environment", app.environment().list(), ManifestWriter::environmentVariable);
        list(json, "mountPoints", app.mountPoints(), ManifestWriter::mountPoint);
        list(json, "ports", app.ports(), ManifestWriter::port);
        isolators(json, app.isolators());
        userMap(json, "userAnnotations", app.userAnnotations());
        userMap(json, "userLabels", app.userLabels());
    }

    private static void eventHandler(ObjectNode json, EventHandler handler) {
        handler.exec().args().forEach(json.putArray("exec")::add);
        json.put("name", handler.name().toString());
    }

    private static void environmentVariable(ObjectNode json, EnvironmentVariable variable) {
        json.put("name", variable.name());
        json.put("value", variable.value());
    }

    private static void mountPoint(ObjectNode json, MountPoint mountPoint) {
        json.put("name", mountPoint.name().value());
        json.put("path", mountPoint.path());
        if (mountPoint.readOnly()) json.put("readOnly", true);
    }

    private static void port(ObjectNode json, Port port) {
        json.put("name", port.name().value());
        json.put("protocol", port.protocol());
        json.put("port", port.port());
        json.put("count", port.count());
        json.put("socketActivated", port.socketActivated());
    }

    private static void exposedPort(ObjectNode json, ExposedPort port) {
        json.put("name", port.name().value());
        json.put("hostPort", port.hostPort());
        port.hostIp().ifPresent(ip -> json.put("hostIP", ip.getHostAddress()));
        port.podPort().ifPresent(p -> port(json.putObject("podPort"), p));
    }

    private static void dependency(ObjectNode json, Dependency dependency) {
        json.put("imageName", dependency.imageName().value());
        dependency.imageId().ifPresent(id -> json.put("imageID", id.value()));
        labels(json, dependency.labels());
        dependency.size().ifPresent(size -> json.put("size", size));
    }

    private static void runtimeApp(ObjectNode json, RuntimeApp app) {
        json.put("name", app.name().value());
        ObjectNode image = json.putObject("image");
        app.image().name().ifPresent(name -> image.put("name", name.value()));
        app.image().id().ifPresent(id -> image.put("id", id.value()));
        labels(image, app.image().labels());
        app.app().ifPresent(a -> app(json.putObject("app"), a));
        if (app.readOnlyRootFs()) json.put("readOnlyRootFS", true);
        list(json, "mounts", app.mounts(), ManifestWriter::mount);
        annotations(json, app.annotations());
    }

    private static void mount(ObjectNode json, Mount mount) {
        json.put("volume", mount.volume().value());
        json.put("path", mount.path());
        mount.appVolume().ifPresent(volume -> volume(json.putObject("appVolume"), volume));
    }

    private static void volume(ObjectNode json, Volume volume) {
        json.put("name", volume.name().value());
        json.put("kind", volume.kind().toString());
        volume.source().ifPresent(source -> json.put("source", source));
        volume.readOnly().ifPresent(readOnly -> json.put("readOnly", readOnly));
        volume.recursive().ifPresent(recursive -> json.put("recursive", recursive));
        volume.mode().ifPresent(mode -> json.put("mode", mode));
        volume.uid().ifPresent(uid -> json.put("uid", uid));
        volume.gid().ifPresent(gid -> json.put("gid", gid));
    }

    private static void labels(ObjectNode json, Labels labels) {
        list(json, "labels", labels.list(), (item, label) -> nameValue(item, label.name().value(), label.value()));
    }

    private static void annotations(ObjectNode json, Annotations annotations) {
        list(json, "annotations", annotations.list(), (item, a) -> nameValue(item, a.name().value(), a.value()));
    }

    private static void isolators(ObjectNode json, List<Isolator> isolators) {
        list(json, "isolators", isolators, (item, isolator) -> {
            item.put("name", isolator.name().value());
            item.set("value", isolator.value().deepCopy());
        });
    }

    private static void nameValue(ObjectNode json, String name, String value) {
        json.put("name", name);
        json.put("value", value);
    }

    private static void userMap(ObjectNode json, String field, UserMap map) {
        if (map.isEmpty()) return;
        ObjectNode object = json.putObject(field);
        map.entries().forEach(object::put);
    }

    private static <T> void list(ObjectNode json, String field, List<T> values, BiConsumer<ObjectNode, T> writer) {
        if (values.isEmpty()) return;
        ArrayNode array = json.putArray(field);
        values.forEach(value -> writer.accept(array.addObject(), value));
    }
}
