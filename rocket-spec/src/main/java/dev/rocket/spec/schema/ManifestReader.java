package dev.rocket.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.Isolators;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcKind;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.AcVersion;
import dev.rocket.spec.types.Annotation;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.Dependency;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.EventHandler;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.ExposedPort;
import dev.rocket.spec.types.ImageHash;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Label;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.PathWhitelist;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.UserMap;
import dev.rocket.spec.types.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads manifests from JSON trees, collecting every violation with its JSON path. A method returns
 * {@code null} when the part it reads has violations, so that records are only built from valid parts.
 * One reader reads one manifest.
 */
final class ManifestReader {

    private final Problems problems = new Problems();

    ImageManifest imageManifest(JsonNode json) throws SpecException {
        Field root = Field.root(json, problems);
        kind(root.get("acKind"), AcKind.IMAGE_MANIFEST);
        AcVersion version = version(root.get("acVersion"));
        AcIdentifier name = root.get("name").required(AcIdentifier::parse);
        Labels labels = labels(root.get("labels"));
        Optional<App> app = optionalObject(root.get("app"), this::app);
        Annotations annotations = annotations(root.get("annotations"));
        List<Dependency> dependencies = list(root.get("dependencies"), this::dependency);
        PathWhitelist whitelist = pathWhitelist(root.get("pathWhitelist"));
        problems.throwIfAny();
        return new ImageManifest(version, name, labels, app, annotations, dependencies, whitelist);
    }

    PodManifest podManifest(JsonNode json) throws SpecException {
        Field root = Field.root(json, problems);
        kind(root.get("acKind"), AcKind.POD_MANIFEST);
        AcVersion version = version(root.get("acVersion"));
        List<RuntimeApp> apps = list(root.get("apps").requiredItems(), this::runtimeApp);
        List<Volume> volumes = list(root.get("volumes"), this::volume);
        List<Isolator> isolators = isolators(root.get("isolators"));
        Annotations annotations = annotations(root.get("annotations"));
        List<ExposedPort> ports = list(root.get("ports"), this::exposedPort);
        UserMap userAnnotations = new UserMap(root.get("userAnnotations").stringMap());
        UserMap userLabels = new UserMap(root.get("userLabels").stringMap());
        problems.throwIfAny();
        problems.addUnder("", PodManifest.problems(apps, volumes, ports));
        problems.throwIfAny();
        return new PodManifest(version, apps, volumes, isolators, annotations, ports, userAnnotations, userLabels);
    }

    private void kind(Field field, AcKind expected) {
        String text = field.requiredText();
        if (text != null && !text.equals(expected.value())) {
            field.report(text, "acKind must be \"" + expected + "\" for this document");
        }
    }

    private AcVersion version(Field field) {
        AcVersion version = field.required(AcVersion::parse);
        if (version != null && !version.isCompatibleWith(AcVersion.CURRENT)) {
            field.report(version.toString(), "this acVersion is not in the " + AcVersion.CURRENT.major()
                    + ".x series of the specification that this implementation supports (" + AcVersion.CURRENT + ")");
            return null;
        }
        return version;
    }

    private App app(Field field) {
        int before = problems.count();
        Exec exec = exec(field.get("exec"));
        List<EventHandler> handlers = list(field.get("eventHandlers"), this::eventHandler);
        String user = field.get("user").requiredText();
        String group = field.get("group").requiredText();
        List<Long> gids = supplementaryGids(field);
        Optional<String> workingDirectory = field.get("workingDirectory").optionalText();
        Environment environment = environment(field.get("environment"));
        List<MountPoint> mountPoints = list(field.get("mountPoints"), this::mountPoint);
        List<Port> ports = list(field.get("ports"), this::port);
        List<Isolator> isolators = isolators(field.get("isolators"));
        UserMap userAnnotations = new UserMap(field.get("userAnnotations").stringMap());
        UserMap userLabels = new UserMap(field.get("userLabels").stringMap());
        if (problems.count() > before) return null;
        problems.addUnder(field.path(), App.problems(user, group, gids, workingDirectory, handlers, mountPoints, ports));
        if (problems.count() > before) return null;
        return new App(exec, handlers, user, group, gids, workingDirectory, environment, mountPoints, ports,
                isolators, userAnnotations, userLabels);
    }

    /** aci.md spells the field both supplementaryGIDs and supplementaryGids; rkt's decoder took either. */
    private List<Long> supplementaryGids(Field app) {
        Field upper = app.get("supplementaryGIDs");
        Field lower = app.get("supplementaryGids");
        if (upper.isPresent() && lower.isPresent()) {
            lower.report(null, "give the supplementary group IDs once, as supplementaryGIDs");
        }
        Field field = upper.isPresent() ? upper : lower;
        List<Long> gids = new ArrayList<>();
        for (Field item : field.items()) item.requiredInteger().ifPresent(gids::add);
        return gids;
    }

    private Exec exec(Field field) {
        List<String> args = strings(field);
        if (args == null) return null;
        try {
            return Exec.parse(args);
        } catch (SpecException e) {
            problems.addUnder(field.path(), e.violations());
            return null;
        }
    }

    private List<String> strings(Field field) {
        int before = problems.count();
        List<String> strings = new ArrayList<>();
        for (Field item : field.items()) {
            String text = item.requiredText();
            if (text != null) strings.add(text);
        }
        return problems.count() > before ? null : strings;
    }

    private EventHandler eventHandler(Field field) {
        int before = problems.count();
        EventHandler.Event event = field.get("name").required(EventHandler.Event::parse);
        Field execField = field.get("exec");
        Exec exec = exec(execField);
        if (exec != null && exec.isEmpty()) execField.report(null, "an event handler needs a command to run");
        return problems.count() > before ? null : new EventHandler(event, exec);
    }

    private Environment environment(Field field) {
        return checkedList(field, item -> nameValue(item, EnvironmentVariable::parseName, EnvironmentVariable::new),
                Environment::problems, Environment::new);
    }

    private MountPoint mountPoint(Field field) {
        int before = problems.count();
        AcName name = field.get("name").required(AcName::parse);
        String path = nonEmptyPath(field.get("path"));
        boolean readOnly = field.get("readOnly").optionalBoolean().orElse(false);
        return problems.count() > before ? null : new MountPoint(name, path, readOnly);
    }

    private String nonEmptyPath(Field field) {
        String path = field.requiredText();
        if (path != null && path.isEmpty()) field.report(path, "a path must not be empty");
        return path;
    }

    private Port port(Field field) {
        int before = problems.count();
        AcName name = field.get("name").required(AcName::parse);
        String protocol = field.get("protocol").requiredText();
        OptionalLong number = field.get("port").requiredInteger();
        long count = field.get("count").optionalInteger().orElse(1);
        boolean socketActivated = field.get("socketActivated").optionalBoolean().orElse(false);
        if (protocol != null && number.isPresent()) {
            problems.addUnder(field.path(), Port.problems(protocol, number.getAsLong(), count));
        }
        if (problems.count() > before) return null;
        return new Port(name, protocol, (int) number.getAsLong(), (int) count, socketActivated);
    }

    private ExposedPort exposedPort(Field field) {
        int before = problems.count();
        AcName name = field.get("name").required(AcName::parse);
        Field hostPortField = field.get("hostPort");
        OptionalLong hostPort = hostPortField.requiredInteger();
        hostPort.stream().filter(p -> p < 1 || p > Port.MAX_PORT).forEach(p ->
                hostPortField.report(Long.toString(p), "a host port must be from 1 to " + Port.MAX_PORT));
        var hostIp = field.get("hostIP").optional(ExposedPort::parseHostIp);
        Optional<Port> podPort = optionalObject(field.get("podPort"), this::port);
        if (problems.count() > before) return null;
        return new ExposedPort(name, (int) hostPort.getAsLong(), hostIp, podPort);
    }

    private Volume volume(Field field) {
        int before = problems.count();
        AcName name = field.get("name").required(AcName::parse);
        Volume.Kind kind = field.get("kind").required(Volume.Kind::parse);
        Optional<String> source = field.get("source").optionalText();
        Optional<Boolean> readOnly = field.get("readOnly").optionalBoolean();
        Optional<Boolean> recursive = field.get("recursive").optionalBoolean();
        Optional<String> mode = field.get("mode").optionalText();
        OptionalInt uid = intField(field.get("uid"));
        OptionalInt gid = intField(field.get("gid"));
        if (kind != null) problems.addUnder(field.path(), Volume.problems(kind, source, recursive, mode, uid, gid));
        if (problems.count() > before) return null;
        return new Volume(name, kind, source, readOnly, recursive, mode, uid, gid);
    }

    private OptionalInt intField(Field field) {
        OptionalLong value = field.optionalInteger();
        if (value.isEmpty()) return OptionalInt.empty();
        if (value.getAsLong() != (int) value.getAsLong()) {
            field.report(Long.toString(value.getAsLong()), "must be from 0 to " + Integer.MAX_VALUE);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    private Dependency dependency(Field field) {
        int before = problems.count();
        AcIdentifier imageName = field.get("imageName").required(AcIdentifier::parse);
        Optional<ImageHash> imageId = field.get("imageID").optional(ImageHash::parse);
        Labels labels = labels(field.get("labels"));
        Field sizeField = field.get("size");
        OptionalLong size = sizeField.optionalInteger();
        if (size.isPresent() && size.getAsLong() < 0) sizeField.report(Long.toString(size.getAsLong()), "a size must not be negative");
        return problems.count() > before ? null : new Dependency(imageName, imageId, labels, size);
    }

    private RuntimeApp runtimeApp(Field field) {
        int before = problems.count();
        AcName name = field.get("name").required(AcName::parse);
        Field imageField = field.get("image");
        RuntimeImage image = imageField.requireObject() ? runtimeImage(imageField) : null;
        Optional<App> app = optionalObject(field.get("app"), this::app);
        boolean readOnlyRootFs = field.get("readOnlyRootFS").optionalBoolean().orElse(false);
        List<Mount> mounts = list(field.get("mounts"), this::mount);
        Annotations annotations = annotations(field.get("annotations"));
        if (problems.count() > before) return null;
        return new RuntimeApp(name, image, app, readOnlyRootFs, mounts, annotations);
    }

    private RuntimeImage runtimeImage(Field field) {
        int before = problems.count();
        Optional<AcIdentifier> name = field.get("name").optional(AcIdentifier::parse);
        Optional<ImageId> id = field.get("id").optional(ImageId::parse);
        Labels labels = labels(field.get("labels"));
        return problems.count() > before ? null : new RuntimeImage(name, id, labels);
    }

    private Mount mount(Field field) {
        int before = problems.count();
        AcName volume = field.get("volume").required(AcName::parse);
        String path = nonEmptyPath(field.get("path"));
        Optional<Volume> appVolume = optionalObject(field.get("appVolume"), this::volume);
        return problems.count() > before ? null : new Mount(volume, path, appVolume);
    }

    private Labels labels(Field field) {
        return checkedList(field, item -> {
            Field value = item.get("value");
            if (value.optionalText().filter(String::isEmpty).isPresent()) {
                value.report("", "a label value must not be empty");
                return null;
            }
            return nameValue(item, AcIdentifier::parse, Label::new);
        }, Labels::problems, Labels::new);
    }

    private Annotations annotations(Field field) {
        return checkedList(field, item -> nameValue(item, AcIdentifier::parse, Annotation::new),
                Annotations::problems, Annotations::new);
    }

    private PathWhitelist pathWhitelist(Field field) {
        List<String> paths = strings(field);
        if (paths == null) return null;
        int before = problems.count();
        problems.addUnder(field.path(), PathWhitelist.problems(paths));
        return problems.count() > before ? null : new PathWhitelist(paths);
    }

    private List<Isolator> isolators(Field field) {
        return checkedList(field, item -> {
            AcIdentifier name = item.get("name").required(AcIdentifier::parse);
            Field value = item.get("value");
            if (!value.isPresent()) value.report(null, "an isolator needs a value");
            if (name == null || !value.isPresent()) return null;
            try {
                return Isolators.parse(name, value.node());
            } catch (SpecException e) {
                problems.addUnder(item.path(), e.violations());
                return null;
            }
        }, Isolators::checkCombination, isolators -> isolators);
    }

    /** An object of a name, parsed by {@code names}, and a string value, such as a label. */
    private <N, T> T nameValue(Field item, Field.Parser<N> names, BiFunction<N, String, T> entry) {
        N name = item.get("name").required(names);
        String value = item.get("value").requiredText();
        return name == null || value == null ? null : entry.apply(name, value);
    }

    /**
     * A list whose entries are read by {@code element}, then checked together by {@code rules} (paths relative to
     * the list), then made into a value by {@code build}; {@code null} if anything was wrong.
     */
    private <T, L> L checkedList(Field field, Function<Field, T> element, Function<List<T>, List<Violation>> rules,
                                 Function<List<T>, L> build) {
        int before = problems.count();
        List<T> entries = list(field, element);
        if (problems.count() > before) return null;
        problems.addUnder(field.path(), rules.apply(entries));
        return problems.count() > before ? null : build.apply(entries);
    }

    private <T> Optional<T> optionalObject(Field field, Function<Field, T> reader) {
        return field.expectObject() ? Optional.ofNullable(reader.apply(field)) : Optional.empty();
    }

    private <T> List<T> list(Field field, Function<Field, T> reader) {
        return list(field.items(), reader);
    }

    /** Reads each element that is an object; the list is complete only if no element had a violation. */
    private <T> List<T> list(List<Field> items, Function<Field, T> reader) {
        List<T> values = new ArrayList<>();
        for (Field item : items) {
            if (!item.requireObject()) continue;
            T value = reader.apply(item);
            if (value != null) values.add(value);
        }
        return values;
    }
}
