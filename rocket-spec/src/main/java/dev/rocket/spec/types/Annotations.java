package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered annotations of an image, a pod or a pod's app (aci.md, pods.md): names unique. The annotations
 * the specification recognises must have their form: {@code created} a {@link Timestamp}, {@code homepage} and
 * {@code documentation} an http or https URL.
 */
public record Annotations(List<Annotation> list) {

    public static final Annotations NONE = new Annotations(List.of());

    public static final String CREATED = "created";
    public static final String AUTHORS = "authors";
    public static final String HOMEPAGE = "homepage";
    public static final String DOCUMENTATION = "documentation";

    public Annotations {
        list = List.copyOf(list);
        Violation.requireNone(problems(list));
    }

    public static Annotations of(Annotation... annotations) {
        return new Annotations(List.of(annotations));
    }

    /** Annotations from untrusted input; paths are {@code $[i].name} or {@code $[i].value}. */
    public static Annotations parse(List<Annotation> annotations) throws SpecException {
        SpecException.throwIfAny(problems(annotations));
        return new Annotations(annotations);
    }

    public static List<Violation> problems(List<Annotation> annotations) {
        List<Violation> problems = new ArrayList<>(UniqueNames.violations(annotations, Annotation::name, "annotation names"));
        for (int i = 0; i < annotations.size(); i++) {
            Annotation annotation = annotations.get(i);
            String name = annotation.name().value();
            String valuePath = "$[" + i + "].value";
            switch (name) {
                case CREATED -> {
                    try {
                        Timestamp.parse(annotation.value());
                    } catch (SpecException e) {
                        problems.add(new Violation(valuePath, annotation.value(), "the created annotation must be"
                                + " an RFC 3339 timestamp such as 2014-10-27T19:32:27.67021798Z"));
                    }
                }
                case HOMEPAGE, DOCUMENTATION -> {
                    if (!isWebUrl(annotation.value())) {
                        problems.add(new Violation(valuePath, annotation.value(),
                                "the " + name + " annotation must be an http or https URL"));
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return uri.getHost() != null && scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public Optional<String> get(String name) {
        return list.stream().filter(a -> a.name().value().equals(name)).map(Annotation::value).findFirst();
    }

    /** These annotations with {@code name} set to {@code value}: replaced in place, or appended. */
    public Annotations with(AcIdentifier name, String value) {
        List<Annotation> changed = new ArrayList<>(list);
        Annotation annotation = new Annotation(name, value);
        int at = -1;
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).name().equals(name)) at = i;
        }
        if (at >= 0) changed.set(at, annotation);
        else changed.add(annotation);
        return new Annotations(changed);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }
}
