package dev.rocket.fetch;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A certificate authority and a server certificate for 127.0.0.1, made with the JDK's keytool. */
final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    final SSLContext server;
    final SSLContext client;

    private TestTls(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    static TestTls create(Path dir) throws Exception {
        String pw = new String(PASSWORD);
        String ca = dir.resolve("ca.p12").toString();
        String srv = dir.resolve("server.p12").toString();
        String trust = dir.resolve("trust.p12").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Rocket Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca, "-storepass", pw, "-storetype", "PKCS12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", srv, "-storepass", pw, "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", srv, "-storepass", pw, "-file", dir.resolve("server.csr").toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass", pw, "-infile", dir.resolve("server.csr").toString(),
                "-outfile", dir.resolve("server.crt").toString(), "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca, "-storepass", pw, "-file", dir.resolve("ca.crt").toString());
        keytool("-importcert", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(), "-keystore", srv, "-storepass", pw, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", dir.resolve("server.crt").toString(), "-keystore", srv, "-storepass", pw);
        keytool("-importcert", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(), "-keystore", trust, "-storepass", pw,
                "-noprompt", "-storetype", "PKCS12");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(Path.of(srv)), PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(load(Path.of(trust)));
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trusted.getTrustManagers(), null);
        return new TestTls(server, client);
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
