package dev.rocket.mds;

/** The service's answer to a registration: the pod's token and its {@code AC_METADATA_URL} (which contains it). */
public record RegisteredUrl(String token, String url) {

    /** Without the token, which is the pod's secret: this may end up in a log. */
    @Override
    public String toString() {
        return "RegisteredUrl[" + url.replace(token, "<token>") + "]";
    }
}
