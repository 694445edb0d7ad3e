package dev.rocket.net;

import java.util.Objects;

/** The per-call parameters of a CNI plugin: the environment besides {@code CNI_COMMAND} and {@code CNI_PATH}. */
public record CniInvocation(String containerId, String netns, String ifName, String cniArgs) {

    public CniInvocation {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(cniArgs, "cniArgs");
    }
}
