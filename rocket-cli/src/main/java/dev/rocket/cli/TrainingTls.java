package dev.rocket.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTPS server for the AOT cache's training of {@code fetch}: without an HTTPS fetch in the training,
 * the JDK's HTTP client and TLS (about a thousand classes) came from the modules at every HTTPS fetch. The
 * server runs in a child JVM, so that its own classes stay out of the cache; its certificate is self-signed for
 * 127.0.0.1 and trusted only by the training's JVM, through the JDK's trust-store properties.
 */
final class TrainingTls implements AutoCloseable {

    private static final String SERVER_STORE = "tls-server.p12";
    private static final String TRUST_STORE = "tls-trust.p12";
    private static final String PASSWORD = "aot-training";
    private static final String ALIAS = "server";

    private final Process server;
    private final int port;

    private TrainingTls(Process server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Makes the server's key and certificate with the JDK's keytool, and a trust store holding the certificate. */
    static void generate(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path serverStore = dir.resolve(SERVER_STORE);
        List<String> keytool = List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", serverStore.toString(),
                "-storepass", PASSWORD, "-storetype", "PKCS12");
        Process process = new ProcessBuilder(keytool).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output.strip());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, load(serverStore).getCertificate(ALIAS));
        try (OutputStream out = Files.newOutputStream(dir.resolve(TRUST_STORE))) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    /** Whether {@link #generate} made the files in {@code dir}. */
    static boolean generated(Path dir) {
        return Files.isRegularFile(dir.resolve(SERVER_STORE)) && Files.isRegularFile(dir.resolve(TRUST_STORE));
    }

    /**
     * Starts the server on the files of {@code www} in a child JVM and makes this JVM trust its certificate
     * (before the first TLS connection of this JVM, which reads the properties once).
     */
    static TrainingTls start(Path dir, Path www) throws IOException {
        System.setProperty("javax.net.ssl.trustStore", dir.resolve(TRUST_STORE).toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), AotTraining.class.getName(), AotTraining.SERVE_TLS, dir.toString(),
                www.toString()));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String port = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (port == null) {
            server.destroyForcibly();
            throw new IOException("the training's HTTPS server did not start");
        }
        return new TrainingTls(server, Integer.parseInt(port.strip()));
    }

    /** The URL of file {@code name} of the served directory. */
    String url(String name) {
        return "https://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() {
        server.destroyForcibly();
        try {
            server.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child's part: serves the files of {@code www} until its standard input ends; prints its port first. */
    static void serve(Path dir, Path www) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(dir.resolve(SERVER_STORE)), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            Path file = www.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            try (exchange) {
                if (!file.startsWith(www) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // until the parent closes it or goes
            }
        } finally {
            server.stop(0);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
