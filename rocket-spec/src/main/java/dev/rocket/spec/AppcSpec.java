package dev.rocket.spec;

/** Facts about the App Container specification this library implements. */
public final class AppcSpec {

    /** The version of the appc specification implemented, and the acVersion written into new manifests. */
    public static final String VERSION = "0.8.11";

    private AppcSpec() {
    }
}
