package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ordered labels of an image or dependency (aci.md "labels"): names unique and not {@code name}; when
 * {@code os} is given it must be a known operating system, and {@code arch}, if also given, one of its
 * architectures.
 */
public record Labels(List<Label> list) {

    public static final Labels NONE = new Labels(List.of());

    public static final String OS = "os";
    public static final String ARCH = "arch";
    public static final String VERSION = "version";

    /**
     * The os/arch combinations accepted: aci.md's defaults plus the Linux architectures rkt's appc library
     * added (the specification allows implementations to extend the list).
     */
    public static final Map<String, Set<String>> VALID_OS_ARCH = Map.of(
            "linux", Set.of("amd64", "i386", "aarch64", "aarch64_be", "armv6l", "armv7l", "armv7b",
                    "ppc64", "ppc64le", "s390x"),
            "freebsd", Set.of("amd64", "i386", "arm"),
            "darwin", Set.of("x86_64", "i386"));

    public Labels {
        list = List.copyOf(list);
        Violation.requireNone(problems(list));
    }

    public static Labels of(Label... labels) {
        return new Labels(List.of(labels));
    }

    /** Labels from untrusted input; each violation's path is {@code $[i].name} or {@code $[i].value}. */
    public static Labels parse(List<Label> labels) throws SpecException {
        SpecException.throwIfAny(problems(labels));
        return new Labels(labels);
    }

    /** Every rule that the labels together break; paths index into {@code labels}. */
    public static List<Violation> problems(List<Label> labels) {
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).name().value().equals("name")) {
                problems.add(new Violation("$[" + i + "].name", "name",
                        "a label cannot be called \"name\": the image name is its own field"));
            }
        }
        problems.addAll(UniqueNames.violations(labels, Label::name, "label names"));
        String os = valueOf(labels, OS);
        if (os != null) {
            Set<String> arches = VALID_OS_ARCH.get(os);
            if (arches == null) {
                problems.add(new Violation("$[" + indexOf(labels, OS) + "].value", os,
                        "unknown os: must be one of " + sorted(VALID_OS_ARCH.keySet())));
            } else {
                String arch = valueOf(labels, ARCH);
                if (arch != null && !arches.contains(arch)) {
                    problems.add(new Violation("$[" + indexOf(labels, ARCH) + "].value", arch,
                            "unknown arch for os " + os + ": must be one of " + sorted(arches)));
                }
            }
        }
        return problems;
    }

    private static String valueOf(List<Label> labels, String name) {
        for (Label label : labels) {
            if (label.name().value().equals(name)) return label.value();
        }
        return null;
    }

    private static int indexOf(List<Label> labels, String name) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).name().value().equals(name)) return i;
        }
        return -1;
    }

    private static String sorted(Set<String> words) {
        return words.stream().sorted().collect(Collectors.joining(", "));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(valueOf(list, name));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Command line form: {@code name=value} pairs joined by commas. */
    @Override
    public String toString() {
        return list.stream().map(Label::toString).collect(Collectors.joining(","));
    }
}
