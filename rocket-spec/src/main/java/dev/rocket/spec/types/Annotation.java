package dev.rocket.spec.types;

/** One annotation (aci.md, pods.md "annotations"): an AC Identifier name and a free-form value. */
public record Annotation(AcIdentifier name, String value) {

    public Annotation {
        if (name == null) throw new IllegalArgumentException("annotation name must be given");
        if (value == null) throw new IllegalArgumentException("annotation " + name + " needs a value");
    }

    public static Annotation of(String name, String value) {
        return new Annotation(new AcIdentifier(name), value);
    }
}
