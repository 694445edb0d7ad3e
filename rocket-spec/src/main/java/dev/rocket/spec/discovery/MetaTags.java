package dev.rocket.spec.discovery;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * The discovery meta tags of an HTML page (discovery.md): {@code <meta name="ac-discovery" content="PREFIX
 * TEMPLATE">} and {@code <meta name="ac-discovery-pubkeys" content="PREFIX URL">}, in page order. Tags whose
 * content is not exactly two words are ignored, as a browser ignores what it does not understand.
 */
public record MetaTags(List<PrefixedUrl> images, List<PrefixedUrl> publicKeys) {

    public static final String IMAGES = "ac-discovery";
    public static final String PUBLIC_KEYS = "ac-discovery-pubkeys";

    /** One tag: the name prefix it applies to and its URL or URL template. */
    public record PrefixedUrl(String prefix, String url) {

        /** Whether the tag applies to {@code name}: the prefix is a leading part of the name's text. */
        public boolean covers(String name) {
            return name.startsWith(prefix);
        }
    }

    public MetaTags {
        images = List.copyOf(images);
        publicKeys = List.copyOf(publicKeys);
    }

    public static MetaTags parse(String html) {
        List<PrefixedUrl> images = new ArrayList<>();
        List<PrefixedUrl> keys = new ArrayList<>();
        for (Element meta : Jsoup.parse(html).select("meta[name][content]")) {
            String name = meta.attr("name").trim();
            String[] words = meta.attr("content").trim().split("\\s+");
            if (words.length != 2) continue;
            PrefixedUrl tag = new PrefixedUrl(words[0], words[1]);
            if (name.equalsIgnoreCase(IMAGES)) images.add(tag);
            else if (name.equalsIgnoreCase(PUBLIC_KEYS)) keys.add(tag);
        }
        return new MetaTags(images, keys);
    }

    /** Whether the page says nothing about where images are, so discovery goes on to the parent path. */
    public boolean hasNoImages() {
        return images.isEmpty();
    }
}
