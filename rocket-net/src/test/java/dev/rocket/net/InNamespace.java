package dev.rocket.net;

import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.os.linux.Namespace;
import dev.rocket.os.linux.Namespaces;
import dev.rocket.os.linux.OpenFlag;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: opens sockets inside a pinned network namespace from a platform thread that enters it with
 * {@code setns} and then ends; a socket stays in the namespace it was made in, whatever thread uses it later.
 */
final class InNamespace {

    private InNamespace() {
    }

    static <T> T call(Path netns, Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try (Fd fd = FileDescriptors.open(netns, Set.of(OpenFlag.O_CLOEXEC))) {
                Namespaces.enter(fd, Namespace.NETWORK);
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.join();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }

    /** A server that answers every connection with {@code greeting}, in {@code netns} or (null) on the host. */
    static ServerSocket greeter(Path netns, String bindIp, int port, String greeting) throws Exception {
        Callable<ServerSocket> open = () -> {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(bindIp, port));
            return server;
        };
        ServerSocket server = netns == null ? open.call() : call(netns, open);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    out.write(greeting.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    /** Connects from {@code netns} (or the host, for null) and returns what the server says. */
    static String fetch(Path netns, String ip, int port) throws Exception {
        Callable<Socket> connect = () -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(ip, port), 5000);
            return socket;
        };
        try (Socket socket = netns == null ? connect.call() : call(netns, connect);
             InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(5000);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
