package dev.rocket.spec.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.UnknownIsolator;
import dev.rocket.spec.types.AcIdentifier;
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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Property: for any valid manifest m, parse(m.toJson()) equals m, pretty or not, and writing is stable. */
class RoundTripTest {

    private Random random;

    @RepeatedTest(200)
    void imageManifestsSurviveWritingAndReading(RepetitionInfo repetition) throws SpecException {
        random = new Random(repetition.getCurrentRepetition());
        ImageManifest m = new ImageManifest(AcVersion.of("0." + random.nextInt(9) + ".1"), identifier(), labels(),
                maybe(this::app), annotations(), some(this::dependency),
                new PathWhitelist(some(() -> "/" + name())));

        assertEquals(m, ImageManifest.parse(m.toJson(false)), m.toJson(true));
        assertEquals(m, ImageManifest.parse(m.toJson(true)));
        assertEquals(m.toJson(true), ImageManifest.parse(m.toJson(true)).toJson(true));
    }

    @RepeatedTest(200)
    void podManifestsSurviveWritingAndReading(RepetitionInfo repetition) throws SpecException {
        random = new Random(repetition.getCurrentRepetition());
        List<Volume> volumes = distinct(some(this::volume), Volume::name);
        List<RuntimeApp> apps = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            List<Mount> mounts = new ArrayList<>();
            for (Volume v : volumes) {
                if (random.nextBoolean()) mounts.add(Mount.of(v.name(), "/mnt/" + v.name()));
            }
            if (random.nextBoolean()) mounts.add(new Mount(new AcName("own"), "/own", Optional.of(volume())));
            apps.add(new RuntimeApp(new AcName("app-" + i), new RuntimeImage(maybe(this::identifier),
                    maybe(this::imageId), labels()), maybe(() -> App.of(exec(), "root", "0")), random.nextBoolean(),
                    mounts, annotations()));
        }
        PodManifest m = new PodManifest(AcVersion.CURRENT, apps, volumes, isolators(), annotations(),
                distinct(some(this::exposedPort), ExposedPort::name), userMap(), userMap());

        assertEquals(m, PodManifest.parse(m.toJson(false)), m.toJson(true));
        assertEquals(m, PodManifest.parse(m.toJson(true)));
        assertEquals(m.toJson(false), PodManifest.parse(m.toJson(true)).toJson(false));
    }

    private App app() {
        return new App(exec(), distinct(some(() -> new EventHandler(pick(EventHandler.Event.values()), Exec.of("/bin/" + name()))),
                EventHandler::name), pick("root", "0", "/usr/bin/ping"), pick("root", "0"),
                some(() -> (long) random.nextInt(70000)), maybe(() -> "/" + name()),
                new Environment(distinct(some(() -> new EnvironmentVariable(pick("PATH", "A_1", "x.y-z"), text())),
                        EnvironmentVariable::name)),
                distinct(some(() -> new MountPoint(acName(), "/" + name(), random.nextBoolean())), MountPoint::name),
                distinct(some(this::port), Port::name), isolators(), userMap(), userMap());
    }

    private Port port() {
        int port = 1 + random.nextInt(60000);
        return new Port(acName(), pick("tcp", "udp"), port, 1 + random.nextInt(100), random.nextBoolean());
    }

    private ExposedPort exposedPort() {
        return new ExposedPort(acName(), 1 + random.nextInt(65535), maybe(this::ip), maybe(this::port));
    }

    private Inet4Address ip() {
        try {
            return (Inet4Address) InetAddress.getByName(random.nextInt(256) + ".0.113." + random.nextInt(256));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private Volume volume() {
        if (random.nextBoolean()) {
            return new Volume(acName(), Volume.Kind.HOST, Optional.of("/srv/" + name()), maybe(random::nextBoolean),
                    maybe(random::nextBoolean), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
        return new Volume(acName(), Volume.Kind.EMPTY, Optional.empty(), maybe(random::nextBoolean), Optional.empty(),
                maybe(() -> pick("0755", "0700", "1777")),
                random.nextBoolean() ? OptionalInt.of(random.nextInt(5000)) : OptionalInt.empty(),
                random.nextBoolean() ? OptionalInt.of(random.nextInt(5000)) : OptionalInt.empty());
    }

    private Dependency dependency() {
        return new Dependency(identifier(), maybe(() -> ImageHash.of(imageId())), labels(),
                random.nextBoolean() ? OptionalLong.of(random.nextLong(1L << 40)) : OptionalLong.empty());
    }

    private List<Isolator> isolators() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return distinct(some(() -> (Isolator) new UnknownIsolator(new AcIdentifier("example.com/" + name()),
                json.objectNode().put("limit", random.nextInt(100)).set("set", json.arrayNode().add(text())))),
                Isolator::name);
    }

    private Labels labels() {
        List<Label> labels = new ArrayList<>(distinct(some(() -> new Label(new AcIdentifier(pick("version", "env", "a/b")),
                text() + "x")), Label::name));
        if (random.nextBoolean()) labels.add(Label.of("os", "linux"));
        if (random.nextBoolean()) labels.add(Label.of("arch", pick("amd64", "aarch64")));
        return new Labels(labels);
    }

    private Annotations annotations() {
        return new Annotations(distinct(some(() -> new Annotation(identifier(), text())), Annotation::name));
    }

    private UserMap userMap() {
        return random.nextBoolean() ? UserMap.NONE : new UserMap(Map.of(text() + "k", text()));
    }

    private Exec exec() {
        return new Exec(some(() -> "/bin/" + name()));
    }

    private ImageId imageId() {
        byte[] digest = new byte[64];
        random.nextBytes(digest);
        return new ImageId("sha512-" + HexFormat.of().formatHex(digest));
    }

    private AcIdentifier identifier() {
        return new AcIdentifier(pick("example.com/", "", "a.b~c_d/") + name());
    }

    private AcName acName() {
        return new AcName(name());
    }

    private String name() {
        return pick("db", "web", "a-1", "x") + random.nextInt(3);
    }

    /** Text with the characters JSON must escape. */
    private String text() {
        return pick("", "plain", "quote \" and \\ backslash", "tab\tnewline\n", "unicode é ☃");
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> Optional<T> maybe(Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private <T> List<T> some(Supplier<T> value) {
        List<T> values = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) values.add(value.get());
        return values;
    }

    private static <T> List<T> distinct(List<T> values, java.util.function.Function<T, ?> key) {
        List<Object> seen = new ArrayList<>();
        List<T> kept = new ArrayList<>();
        for (T value : values) {
            if (!seen.contains(key.apply(value))) {
                seen.add(key.apply(value));
                kept.add(value);
            }
        }
        return kept;
    }
}
