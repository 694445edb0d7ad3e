package dev.rocket.store;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * An image asked for by name, in the appc string form {@code name[:version][,label=value...]}, e.g.
 * {@code coreos.com/etcd:v2.0.9,os=linux}; the version becomes the {@code version} label.
 */
public record ImageReference(AcIdentifier name, SequencedMap<AcIdentifier, String> labels) {

    private static final AcIdentifier VERSION = new AcIdentifier("version");

    public ImageReference {
        if (name == null) throw new IllegalArgumentException("an image reference needs a name");
        labels = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(labels));
    }

    public static ImageReference parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) throw new SpecException("image", text, "an image name must be given");
        String[] parts = text.split(",", -1);
        String nameAndVersion = parts[0];
        LinkedHashMap<AcIdentifier, String> labels = new LinkedHashMap<>();
        int colon = nameAndVersion.indexOf(':');
        String name = colon < 0 ? nameAndVersion : nameAndVersion.substring(0, colon);
        if (colon >= 0) {
            String version = nameAndVersion.substring(colon + 1);
            if (version.isEmpty()) throw new SpecException("image", text, "a version must follow the colon");
            labels.put(VERSION, version);
        }
        if (!AcIdentifier.isValid(name)) {
            throw new SpecException("image", text, "the image name \"" + name + "\" must be an AC Identifier:"
                    + " lowercase letters, digits and - . _ ~ / between them");
        }
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String key = equals < 0 ? "" : parts[i].substring(0, equals);
            if (!AcIdentifier.isValid(key) || equals == parts[i].length() - 1) {
                throw new SpecException("image", text, "labels must have the form name=value, not \""
                        + parts[i] + "\"");
            }
            if (labels.putIfAbsent(new AcIdentifier(key), parts[i].substring(equals + 1)) != null) {
                throw new SpecException("image", text, "the label \"" + key + "\" is given twice");
            }
        }
        return new ImageReference(new AcIdentifier(name), labels);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name.value());
        String version = labels.get(VERSION);
        if (version != null) text.append(':').append(version);
        labels.forEach((key, value) -> {
            if (!key.equals(VERSION)) text.append(',').append(key).append('=').append(value);
        });
        return text.toString();
    }
}
