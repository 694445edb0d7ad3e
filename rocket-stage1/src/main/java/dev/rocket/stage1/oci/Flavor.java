package dev.rocket.stage1.oci;

/** How strongly an app is isolated: the two stage1 flavors the translator writes configurations for. */
public enum Flavor {
    /**
     * Own mount and PID namespaces per app; IPC, UTS and network as the pod gives them; the appc default
     * capabilities, masked paths and resource isolators.
     */
    DEFAULT,
    /**
     * rkt's fly: chroot-like, with only a private mount namespace; host PID, IPC, UTS and network namespaces,
     * full privileges, and no CPU or memory isolators (running-fly-stage1.md).
     */
    FLY
}
