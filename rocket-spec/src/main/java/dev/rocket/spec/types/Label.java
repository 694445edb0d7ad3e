package dev.rocket.spec.types;

/**
 * One image label (aci.md "labels"): an AC Identifier name and a non-empty value. Rules that involve
 * several labels are checked by {@link Labels}.
 */
public record Label(AcIdentifier name, String value) {

    public Label {
        if (name == null) throw new IllegalArgumentException("label name must be given");
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("label " + name + " needs a value");
    }

    public static Label of(String name, String value) {
        return new Label(new AcIdentifier(name), value);
    }

    /** Wire form of a command line label: {@code name=value}. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
