package dev.rocket.mds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The client side of registration, for {@code rkt run --mds-register}: registers a pod with the running metadata
 * service and gets its {@code AC_METADATA_URL}, and unregisters it when the pod ends.
 */
public final class MetadataRegistration {

    private final Path socket;

    private MetadataRegistration(Path socket) {
        this.socket = socket;
    }

    /** The service at rkt's socket, {@code /run/rkt/metadata-svc.sock}. */
    public static MetadataRegistration atDefaultSocket() {
        return at(MetadataServiceConfig.DEFAULT_SOCKET);
    }

    public static MetadataRegistration at(Path socket) {
        return new MetadataRegistration(socket);
    }

    /** Registers a pod; fails with UNAVAILABLE when no service runs, ALREADY_EXISTS when the pod is registered. */
    public RegisteredUrl register(Registration registration) throws RocketException {
        JsonNode reply = exchange(RegistrationProtocol.register(registration));
        return new RegisteredUrl(RegistrationProtocol.text(reply, "token"), RegistrationProtocol.text(reply, "url"));
    }

    /** Ends a pod's registration; false if the service did not know the pod (e.g. it was reaped already). */
    public boolean unregister(PodUuid uuid) throws RocketException {
        return exchange(RegistrationProtocol.unregister(uuid)).path("unregistered").asBoolean();
    }

    private JsonNode exchange(byte[] request) throws RocketException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) throw notRunning("there is no socket " + socket);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            SocketMessages.write(channel, request);
            return RegistrationProtocol.readReply(SocketMessages.read(channel));
        } catch (AccessDeniedException e) {
            throw new RocketException(RocketException.Kind.PERMISSION_DENIED, "cannot register with the metadata service at "
                    + socket + ": permission denied; only root can register pods", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.contains("Permission denied")) {
                throw new RocketException(RocketException.Kind.PERMISSION_DENIED, "cannot register with the metadata service at "
                        + socket + ": permission denied; only root can register pods", e);
            }
            throw notRunning(socket + ": " + reason);
        }
    }

    private static RocketException notRunning(String detail) {
        return new RocketException(RocketException.Kind.UNAVAILABLE, "the metadata service is not running (" + detail
                + "); start it with 'rkt metadata-service'");
    }
}
