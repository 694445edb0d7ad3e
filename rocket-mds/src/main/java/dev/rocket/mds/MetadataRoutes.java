package dev.rocket.mds;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.PodUuid;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The endpoints of ace.md's metadata service, below {@code /TOKEN/acMetadata/v1/}, for the pod the token names.
 * A token the service does not know gets 401, a known token from an address its pod did not register gets 403,
 * a path that names nothing 404 and a wrong method 405.
 */
final class MetadataRoutes {

    private static final String PREFIX = "acMetadata/v1/";

    private final PodRegistry registry;

    MetadataRoutes(PodRegistry registry) {
        this.registry = registry;
    }

    /** Answers {@code method} on {@code path} (the raw path, e.g. {@code /TOKEN/acMetadata/v1/pod/uuid}). */
    MetadataResponse answer(String method, String path, String body, InetAddress client) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        Optional<RegisteredPod> pod = registry.byToken(token);
        if (pod.isEmpty()) {
            return MetadataResponse.error(401, "unknown metadata token: use the AC_METADATA_URL this pod was given");
        }
        List<InetAddress> podAddresses = pod.get().registration().podAddresses();
        if (!podAddresses.isEmpty() && !podAddresses.contains(client)) {
            return MetadataResponse.error(403, "this token belongs to a pod at another address");
        }
        String endpoint = slash < 0 ? "" : rest.substring(slash + 1);
        if (!endpoint.startsWith(PREFIX)) return notFound(endpoint);
        return route(pod.get(), method, endpoint.substring(PREFIX.length()), body);
    }

    private MetadataResponse route(RegisteredPod pod, String method, String endpoint, String body) {
        Registration registration = pod.registration();
        if (endpoint.equals("pod/hmac/sign")) return post(method, () -> sign(pod, body));
        if (endpoint.equals("pod/hmac/verify")) return post(method, () -> verify(body));
        if (endpoint.equals("pod/annotations") || endpoint.equals("pod/annotations/")) {
            return get(method, () -> MetadataResponse.json(AnnotationsJson.write(registration.manifest().annotations())));
        }
        if (endpoint.startsWith("pod/annotations/")) {
            return get(method, () -> annotation(registration.manifest().annotations(), endpoint.substring("pod/annotations/".length())));
        }
        if (endpoint.equals("pod/manifest")) return get(method, () -> MetadataResponse.json(registration.manifestJson()));
        if (endpoint.equals("pod/uuid")) return get(method, () -> MetadataResponse.text(registration.uuid().toString()));
        if (endpoint.startsWith("apps/")) {
            String appPath = endpoint.substring("apps/".length());
            int slash = appPath.indexOf('/');
            if (slash > 0) {
                Optional<AppImage> image = app(registration, appPath.substring(0, slash));
                if (image.isPresent()) return appRoute(registration, image.get(), method, appPath.substring(slash + 1));
                return MetadataResponse.error(404, "no app " + appPath.substring(0, slash) + " in this pod");
            }
        }
        return notFound(endpoint);
    }

    private MetadataResponse appRoute(Registration registration, AppImage image, String method, String endpoint) {
        if (endpoint.equals("image/manifest")) return get(method, () -> MetadataResponse.json(image.manifestJson()));
        if (endpoint.equals("image/id")) return get(method, () -> MetadataResponse.text(image.id().value()));
        if (endpoint.equals("annotations") || endpoint.equals("annotations/")) {
            return get(method, () -> MetadataResponse.json(AnnotationsJson.write(appAnnotations(registration, image))));
        }
        if (endpoint.startsWith("annotations/")) {
            return get(method, () -> annotation(appAnnotations(registration, image), endpoint.substring("annotations/".length())));
        }
        return notFound("apps/" + image.app().value() + "/" + endpoint);
    }

    private static Annotations appAnnotations(Registration registration, AppImage image) {
        RuntimeApp app = registration.manifest().app(image.app()).orElseThrow();
        return AnnotationsJson.merge(image.manifest().annotations(), app.annotations());
    }

    private static Optional<AppImage> app(Registration registration, String name) {
        try {
            return Optional.ofNullable(registration.apps().get(AcName.parse(name)));
        } catch (SpecException e) {
            return Optional.empty();
        }
    }

    private static MetadataResponse annotation(Annotations annotations, String name) {
        return annotations.get(name).map(MetadataResponse::text)
                .orElseGet(() -> MetadataResponse.error(404, "no annotation " + name));
    }

    private static MetadataResponse sign(RegisteredPod pod, String body) {
        Optional<String> content = FormBody.parse(body).get("content");
        if (content.isEmpty()) return MetadataResponse.error(400, "POST a form with content=<what to sign>");
        return MetadataResponse.text(pod.key().sign(content.get()));
    }

    private MetadataResponse verify(String body) {
        FormBody form = FormBody.parse(body);
        Optional<String> content = form.get("content");
        Optional<String> uuid = form.get("uuid");
        Optional<String> signature = form.get("signature");
        if (content.isEmpty() || uuid.isEmpty() || signature.isEmpty()) {
            return MetadataResponse.error(400, "POST a form with content=, uuid= and signature=");
        }
        PodUuid signer;
        try {
            signer = PodUuid.parse(uuid.get());
        } catch (SpecException e) {
            return MetadataResponse.error(400, "uuid is not a pod UUID");
        }
        boolean valid = registry.byUuid(signer).map(p -> p.key().verify(content.get(), signature.get())).orElse(false);
        return valid ? MetadataResponse.text("") : MetadataResponse.error(403, "signature does not verify");
    }

    private static MetadataResponse get(String method, Supplier<MetadataResponse> answer) {
        return method.equals("GET") || method.equals("HEAD") ? answer.get() : MetadataResponse.methodNotAllowed("GET, HEAD");
    }

    private static MetadataResponse post(String method, Supplier<MetadataResponse> answer) {
        return method.equals("POST") ? answer.get() : MetadataResponse.methodNotAllowed("POST");
    }

    private static MetadataResponse notFound(String endpoint) {
        return MetadataResponse.error(404, "no metadata endpoint " + endpoint);
    }
}
