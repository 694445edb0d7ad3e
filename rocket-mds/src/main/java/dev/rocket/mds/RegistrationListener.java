package dev.rocket.mds;

import dev.rocket.base.RocketException;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * The registration socket: a unix socket of mode 0600, so only its owner (root, for the real service) can
 * register pods. Each connection is served on its own virtual thread by {@link Handler}.
 */
final class RegistrationListener implements AutoCloseable {

    /** Turns one request message into one reply message; never throws for a bad request. */
    @FunctionalInterface
    interface Handler {
        byte[] handle(byte[] request);
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final Thread acceptor;

    private RegistrationListener(Path socket, ServerSocketChannel server, Object fileKey, Handler handler) {
        this.socket = socket;
        this.server = server;
        this.fileKey = fileKey;
        this.acceptor = Thread.ofVirtual().name("mds-registration").start(() -> accept(handler));
    }

    /**
     * Binds {@code socket}, replacing a stale one left by a service that died. The socket is bound in a private
     * directory, restricted to 0600 and only then renamed into place, so it is never reachable with looser mode.
     */
    static RegistrationListener bind(Path socket, Handler handler) throws RocketException {
        refuseIfServed(socket);
        Path staging = null;
        ServerSocketChannel server = null;
        try {
            Files.createDirectories(socket.toAbsolutePath().getParent());
            staging = Files.createTempDirectory(socket.toAbsolutePath().getParent(), ".mds-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path bound = staging.resolve("s");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new RegistrationListener(socket, server, key, handler);
        } catch (AccessDeniedException e) {
            closeQuietly(server);
            throw new RocketException(RocketException.Kind.PERMISSION_DENIED, "cannot create the registration socket "
                    + socket + ": permission denied (the metadata service runs as root)", e);
        } catch (IOException e) {
            closeQuietly(server);
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot create the registration socket "
                    + socket + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                try {
                    Files.deleteIfExists(staging.resolve("s"));
                    Files.deleteIfExists(staging);
                } catch (IOException ignored) {
                    // a leftover empty staging directory is harmless
                }
            }
        }
    }

    private static void refuseIfServed(Path socket) throws RocketException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            // the rename in bind would replace whatever is there: only ever a socket
            if (!Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new RocketException(RocketException.Kind.ALREADY_EXISTS, socket
                        + " exists and is not a socket; remove it or choose another path for the registration socket");
            }
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot inspect " + socket + ": " + e.getMessage(), e);
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            throw new RocketException(RocketException.Kind.ALREADY_EXISTS, "a metadata service already listens on "
                    + socket + "; stop it first");
        } catch (IOException staleOrForeign) {
            // nobody answers: a leftover of a service that died, replaced by the rename in bind
        }
    }

    Path socket() {
        return socket;
    }

    private void accept(Handler handler) {
        while (true) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) return;
                continue;
            }
            Thread.ofVirtual().name("mds-registration-client").start(() -> serve(connection, handler));
        }
    }

    private static void serve(SocketChannel connection, Handler handler) {
        try (connection) {
            byte[] reply;
            try {
                // read first: a peer whose request is left unread may see a reset instead of the refusal
                byte[] request = SocketMessages.read(connection);
                requireOwnerOrRoot(connection);
                reply = handler.handle(request);
            } catch (RocketException e) {
                reply = RegistrationProtocol.failure(e);
            }
            SocketMessages.write(connection, reply);
        } catch (IOException clientGone) {
            // the client hung up; it sees no reply and reports that itself
        }
    }

    // the socket's mode already keeps others out; this holds even if someone loosens that mode
    private static void requireOwnerOrRoot(SocketChannel connection) throws IOException, RocketException {
        String peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        if (!peer.equals("root") && !peer.equals(System.getProperty("user.name"))) {
            throw new RocketException(RocketException.Kind.PERMISSION_DENIED,
                    "user " + peer + " may not register pods; only root can");
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // remove the socket only if it is still ours, not one a newer service put in its place
            Object current = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(current, fileKey)) Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket does not fail in a way anyone could act on
        }
    }
}
