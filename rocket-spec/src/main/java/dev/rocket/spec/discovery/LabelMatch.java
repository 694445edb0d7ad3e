package dev.rocket.spec.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * discovery.md's rule that the image found is the one asked for: the manifest has the name asked for, and
 * every label asked for with the same value (labels not asked for may have any value).
 *
 * <p>Only the labels the user gave are held to that rule. The defaults discovery filled in are not: a
 * {@code latest} version is a name for "the newest", not a label images carry, and an image without an
 * {@code os} or {@code arch} label runs anywhere; but an {@code os} or {@code arch} label that differs from
 * the host's is refused.
 */
public final class LabelMatch {

    private LabelMatch() {
    }

    /** Each way the manifest differs from the request, as a sentence; empty when it matches. */
    public static List<String> mismatches(DiscoveryRequest request, String manifestName, Map<String, String> manifestLabels) {
        List<String> problems = new ArrayList<>();
        if (!request.name().equals(manifestName)) {
            problems.add("the image is named \"" + manifestName + "\", not \"" + request.name() + "\"");
        }
        request.labels().forEach((key, wanted) -> {
            String actual = manifestLabels.get(key);
            boolean given = request.given().containsKey(key);
            if (actual == null && given) {
                problems.add("the image has no label " + key + " (asked for " + key + "=" + wanted + ")");
            } else if (actual != null && !actual.equals(wanted) && (given || !key.equals("version"))) {
                problems.add("the image has " + key + "=" + actual + ", not " + key + "=" + wanted);
            }
        });
        return problems;
    }
}
