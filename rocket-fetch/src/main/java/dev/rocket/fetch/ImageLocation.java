package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an image given on the command line comes from: a local file or an HTTP(S) URL. */
public sealed interface ImageLocation {

    /** The location as the user should see it in messages. */
    String describe();

    /** The detached signature's usual place: beside the image, with {@code .asc} appended. */
    ImageLocation signature();

    record LocalFile(Path path) implements ImageLocation {
        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public ImageLocation signature() {
            return new LocalFile(path.resolveSibling(path.getFileName() + ".asc"));
        }
    }

    record Remote(URI url) implements ImageLocation {
        @Override
        public String describe() {
            return url.toString();
        }

        @Override
        public ImageLocation signature() {
            return new Remote(URI.create(url.toString() + ".asc"));
        }
    }

    /**
     * Whether an argument names an image for discovery ({@code example.com/app:v1}) rather than a file or
     * URL: no scheme, not an existing file, no {@code .aci} ending, not an absolute or dot-relative path.
     */
    static boolean isName(String argument) {
        return !argument.contains("://") && !argument.startsWith("/") && !argument.startsWith(".")
                && !argument.endsWith(".aci") && !Files.exists(Path.of(argument));
    }

    /**
     * Reads an image argument: {@code file://} and {@code http(s)://} URLs, or a path of an existing file or
     * one ending in {@code .aci}. Other schemes are reported as not supported yet; names go to discovery.
     */
    static ImageLocation parse(String argument) throws RocketException {
        int scheme = argument.indexOf("://");
        if (scheme > 0) {
            String name = argument.substring(0, scheme);
            URI uri;
            try {
                uri = new URI(argument);
            } catch (URISyntaxException e) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + argument + "\" is not a valid URL: " + e.getReason());
            }
            return switch (name) {
                case "file" -> new LocalFile(Path.of(uri.getPath()));
                case "http", "https" -> {
                    if (uri.getHost() == null) throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + argument + "\" has no host");
                    yield new Remote(uri);
                }
                default -> throw new RocketException(Kind.INVALID_ARGUMENT,
                        "images from " + name + ":// cannot be fetched yet (supported: paths, file://, https://, http://)");
            };
        }
        Path path = Path.of(argument);
        if (Files.exists(path) || argument.endsWith(".aci")) return new LocalFile(path);
        throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + argument
                + "\" is not a file, and fetching images by name (discovery) is not supported yet; give a path or an https:// URL");
    }
}
