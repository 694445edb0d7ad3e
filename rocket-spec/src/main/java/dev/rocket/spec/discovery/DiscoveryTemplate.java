package dev.rocket.spec.discovery;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code ac-discovery} URL template: {@code {name}}, {@code {ext}} and one placeholder per label
 * ({@code {version}}, {@code {os}}, {@code {arch}}, or any other label) replaced by plain text, as the spec's
 * sed example does (a name keeps its slashes).
 */
public final class DiscoveryTemplate {

    public static final String IMAGE_EXT = "aci";
    public static final String SIGNATURE_EXT = "aci.asc";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private DiscoveryTemplate() {
    }

    /**
     * The URL the template renders to, or empty when it names a value that was not given (such a template
     * is meant for other images, e.g. one with {@code {channel}} for a request without that label).
     */
    public static Optional<String> expand(String template, String name, Map<String, String> labels, String ext) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder url = new StringBuilder();
        while (placeholder.find()) {
            String key = placeholder.group(1);
            String value = switch (key) {
                case "name" -> name;
                case "ext" -> ext;
                default -> labels.get(key);
            };
            if (value == null) return Optional.empty();
            placeholder.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(url);
        return Optional.of(url.toString());
    }
}
