package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** The TLS context of {@code --insecure-options=tls}, for every HTTPS client of Rocket: any certificate is accepted. */
public final class TrustAll {

    private TrustAll() {
    }

    public static SSLContext context() throws RocketException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new RocketException(Kind.INTERNAL, "cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
