package dev.rocket.net;

import java.util.Objects;

/**
 * One network a pod asks to join, with the arguments given for it on {@code --net=NAME:ARGS}, passed unchanged to
 * the plugin as {@code CNI_ARGS} (e.g. {@code IP=10.1.0.5;K=V}); empty when none were given.
 */
public record NetworkRequest(String name, String cniArgs) {

    public NetworkRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cniArgs, "cniArgs");
    }

    public static NetworkRequest of(String name) {
        return new NetworkRequest(name, "");
    }
}
