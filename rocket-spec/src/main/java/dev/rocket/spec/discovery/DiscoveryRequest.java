package dev.rocket.spec.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * An image asked for by name: the labels the user gave and the labels discovery uses, which add rkt's
 * defaults ({@code os} and {@code arch} of the host, {@code version} {@code latest}) where none was given.
 */
public record DiscoveryRequest(String name, SequencedMap<String, String> given, SequencedMap<String, String> labels) {

    public static final String LATEST = "latest";

    public DiscoveryRequest {
        Objects.requireNonNull(name, "name");
        given = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(given));
        labels = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(labels));
    }

    public static DiscoveryRequest of(String name, Map<String, String> given, String hostOs, String hostArch) {
        SequencedMap<String, String> labels = new LinkedHashMap<>(given);
        labels.putIfAbsent("version", LATEST);
        labels.putIfAbsent("os", hostOs);
        labels.putIfAbsent("arch", hostArch);
        return new DiscoveryRequest(name, new LinkedHashMap<>(given), labels);
    }
}
