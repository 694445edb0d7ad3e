package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.mds.AppImage;
import dev.rocket.mds.MetadataRegistration;
import dev.rocket.mds.Registration;
import dev.rocket.net.NetworkAttachment;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.PodUuid;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --mds-register}: registers a starting pod with the host's metadata service, which answers with the
 * pod's own {@code AC_METADATA_URL}. The registration names this process, which becomes the pod's, so the
 * service ends it when the pod ends.
 */
final class MetadataRegistrar {

    /** An app of the pod with its image, as the service serves them. */
    record App(RuntimeApp app, ImageManifest image) {
    }

    private final MetadataRegistration service;

    MetadataRegistrar(MetadataRegistration service) {
        this.service = service;
    }

    /**
     * @param networks the pod's networks; the first one's gateway is where the pod reaches the host. Empty with
     *                 the host's network, where the service is on 127.0.0.1
     */
    URI register(PodUuid uuid, String podManifestJson, List<App> apps, List<NetworkAttachment> networks,
                 boolean hostNetwork) throws RocketException {
        if (!hostNetwork && networks.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--mds-register needs a network that reaches the host:"
                    + " use --net=host, default or default-restricted, not none");
        }
        List<AppImage> images = new ArrayList<>();
        for (App app : apps) {
            images.add(AppImage.parse(app.app().name().value(), app.app().image().id().orElseThrow().value(),
                    app.image().toJson(false)));
        }
        Registration registration = Registration.of(uuid, podManifestJson, images).withPid(ProcessHandle.current().pid());
        if (!hostNetwork) {
            NetworkAttachment first = networks.getFirst();
            if (first.gateway().isPresent()) registration = registration.withHostAddress(first.gateway().get());
            List<InetAddress> addresses = new ArrayList<>();
            for (NetworkAttachment network : networks) addresses.add(InetAddress.ofLiteral(network.ip()));
            registration = registration.withPodAddresses(addresses);
        }
        return URI.create(service.register(registration).url());
    }
}
