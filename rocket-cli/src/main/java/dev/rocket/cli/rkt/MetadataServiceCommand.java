package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.mds.MetadataService;
import dev.rocket.mds.MetadataServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rkt metadata-service}: runs the App Container metadata service in the foreground until stopped (SIGTERM,
 * SIGINT, or an interrupt of the calling thread), then removes its socket.
 */
@Command(name = "metadata-service", description = "Run the metadata service that pods started with --mds-register use.")
final class MetadataServiceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen-port", paramLabel = "PORT", description = "Listen port (default: ${DEFAULT-VALUE}).")
    int listenPort = MetadataServiceConfig.DEFAULT_PORT;

    @Option(names = "--listen-address", paramLabel = "ADDRESS", hidden = true,
            description = "Address to serve HTTP on (default: every address, so that pods on any network reach it).")
    String listenAddress = "0.0.0.0";

    @Option(names = "--socket", paramLabel = "PATH", hidden = true,
            description = "Registration socket (default: ${DEFAULT-VALUE}).")
    Path socket = MetadataServiceConfig.DEFAULT_SOCKET;

    @Override
    public Integer call() throws RocketException {
        if (listenPort < 0 || listenPort > 65535) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "--listen-port must be a port number from 0 to 65535, not " + listenPort);
        }
        MetadataServiceConfig config = new MetadataServiceConfig(socket, address(), listenPort, "127.0.0.1",
                MetadataServiceConfig.DEFAULT_REAP_INTERVAL);
        PrintWriter err = spec.commandLine().getErr();
        try (MetadataService service = MetadataService.start(config, event -> {
            synchronized (err) {
                err.println("metadata service: " + event);
                err.flush();
            }
        })) {
            Thread stopOnSignal = new Thread(service::close, "metadata-service-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            err.println("metadata service: registering pods on " + service.socket() + ", serving HTTP on "
                    + listenAddress + ":" + service.port());
            err.flush();
            try {
                service.awaitClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already and closes the service
                }
            }
        }
        return 0;
    }

    private InetAddress address() throws RocketException {
        try {
            return InetAddress.ofLiteral(listenAddress);
        } catch (IllegalArgumentException e) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "--listen-address must be an IP address, not \"" + listenAddress + "\"");
        }
    }
}
