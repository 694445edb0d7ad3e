package dev.rocket.mds;

import com.sun.net.httpserver.HttpServer;
import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The App Container metadata service (ace.md): pods register over a root-only unix socket and get a token;
 * with it they read their own manifests and annotations and sign over HTTP, each request on a virtual thread.
 * Registrations end by unregistering or when the registered process is found gone.
 */
public final class MetadataService implements AutoCloseable {

    private final MetadataServiceConfig config;
    private final PodRegistry registry = new PodRegistry();
    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Consumer<String> events;
    private HttpServer http;
    private RegistrationListener registrations;

    private MetadataService(MetadataServiceConfig config, Consumer<String> events) {
        this.config = config;
        this.events = events;
    }

    /** Starts serving HTTP, then opens the registration socket; fails whole if either cannot be had. */
    public static MetadataService start(MetadataServiceConfig config) throws RocketException {
        return start(config, event -> { });
    }

    /** As {@link #start(MetadataServiceConfig)}, telling {@code events} of every registration's start and end. */
    public static MetadataService start(MetadataServiceConfig config, Consumer<String> events) throws RocketException {
        MetadataService service = new MetadataService(config, events);
        try {
            service.http = HttpServer.create(new InetSocketAddress(config.listenAddress(), config.port()), 0);
        } catch (BindException e) {
            service.close();
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot listen on "
                    + config.listenAddress().getHostAddress() + ":" + config.port() + " (" + e.getMessage()
                    + "); choose another port with --listen-port", e);
        } catch (IOException e) {
            service.close();
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot start the metadata service: " + e.getMessage(), e);
        }
        service.http.setExecutor(service.httpThreads);
        service.http.createContext("/", new MetadataHttpHandler(new MetadataRoutes(service.registry)));
        service.http.start();
        try {
            service.registrations = RegistrationListener.bind(config.socket(), service::handleRegistration);
        } catch (RocketException e) {
            service.close();
            throw e;
        }
        long every = config.reapInterval().toMillis();
        service.reaper.scheduleWithFixedDelay(service::reapQuietly, every, every, TimeUnit.MILLISECONDS);
        return service;
    }

    /** The HTTP port, which is the one chosen when the configuration asked for port 0. */
    public int port() {
        return http.getAddress().getPort();
    }

    public Path socket() {
        return config.socket();
    }

    public PodRegistry registry() {
        return registry;
    }

    /** Unregisters the pods whose process has ended (also done every reap interval). */
    public List<PodUuid> reapExited() {
        return registry.reapExited();
    }

    // an exception would cancel every later run of the scheduled reaping
    private void reapQuietly() {
        try {
            for (PodUuid uuid : reapExited()) events.accept("pod " + uuid + " ended: unregistered");
        } catch (RuntimeException e) {
            System.getLogger(MetadataService.class.getName()).log(System.Logger.Level.WARNING, "reaping exited pods failed", e);
        }
    }

    private byte[] handleRegistration(byte[] message) {
        try {
            return switch (RegistrationProtocol.readRequest(message)) {
                case RegistrationProtocol.Register register -> RegistrationProtocol.registered(register(register.registration()));
                case RegistrationProtocol.Unregister unregister -> {
                    boolean was = registry.unregister(unregister.uuid());
                    if (was) events.accept("pod " + unregister.uuid() + " unregistered");
                    yield RegistrationProtocol.unregistered(was);
                }
            };
        } catch (RocketException e) {
            return RegistrationProtocol.failure(e);
        }
    }

    private RegisteredUrl register(Registration registration) throws RocketException {
        String token = registry.register(registration);
        String pid = registration.pid().isPresent() ? " (PID " + registration.pid().getAsLong() + ")" : "";
        events.accept("pod " + registration.uuid() + " registered" + pid);
        String host = registration.hostAddress().orElse(config.defaultHost());
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return new RegisteredUrl(token, "http://" + host + ":" + port() + "/" + token);
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops taking registrations and requests and removes the socket; a second call waits for the first. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) return;
        if (registrations != null) registrations.close();
        reaper.shutdownNow();
        if (http != null) http.stop(0);
        httpThreads.shutdownNow();
        closed.countDown();
    }
}
