package dev.rocket.stage1.oci;

import dev.rocket.spec.types.PodUuid;

import java.net.URI;
import java.util.Optional;

/**
 * What an app's configuration takes from its pod: the pod's identity, host name, the namespaces its apps share,
 * and where the metadata service is.
 *
 * @param network     the pod's network namespace (joined by path, or private)
 * @param ipc         the pod's IPC namespace
 * @param uts         the pod's UTS namespace; the host name is only set when it is not the host's
 * @param metadataUrl the pod's metadata service, exported as {@code AC_METADATA_URL} when given
 * @param privateUsers the pod's user namespace ({@code --private-users}); empty runs it in the host's
 */
public record PodFacts(PodUuid uuid, String hostname, NamespaceSource network, NamespaceSource ipc,
                       NamespaceSource uts, Optional<URI> metadataUrl, Optional<IdMapping> privateUsers) {

    public PodFacts {
        if (uuid == null || hostname == null || network == null || ipc == null || uts == null || metadataUrl == null
                || privateUsers == null) {
            throw new IllegalArgumentException("every pod fact must be given; use Optional.empty() for none");
        }
    }

    /** A pod in the host's user namespace. */
    public PodFacts(PodUuid uuid, String hostname, NamespaceSource network, NamespaceSource ipc, NamespaceSource uts,
                    Optional<URI> metadataUrl) {
        this(uuid, hostname, network, ipc, uts, metadataUrl, Optional.empty());
    }

    /** This pod in a user namespace of its own, with {@code mapping}. */
    public PodFacts withPrivateUsers(IdMapping mapping) {
        return new PodFacts(uuid, hostname, network, ipc, uts, metadataUrl, Optional.of(mapping));
    }

    /** A pod whose apps each get their own network, IPC and UTS namespaces, without a metadata service. */
    public static PodFacts isolated(PodUuid uuid, String hostname) {
        return new PodFacts(uuid, hostname, NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(),
                NamespaceSource.ofPrivate(), Optional.empty());
    }
}
