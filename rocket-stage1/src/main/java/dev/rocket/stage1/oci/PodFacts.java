package dev.rocket.stage1.oci;

import dev.rocket.spec.types.PodUuid;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an app's configuration takes from its pod: the pod's identity, host name, the namespaces its apps share,
 * and where the metadata service is.
 *
 * @param network     the pod's network namespace (joined by path, or private)
 * @param ipc         the pod's IPC namespace
 * @param uts         the pod's UTS namespace; the host name is only set when it is not the host's
 * @param metadataUrl the pod's metadata service, exported as {@code AC_METADATA_URL} when given
 * @param privateUsers the pod's user namespace's IDs ({@code --private-users}); empty runs it in the host's
 * @param users        the pod's user namespace: joined by path (pinned by stage0, owning the pod's other
 *                     namespaces) or a private one per app; only meaningful with {@code privateUsers}
 */
public record PodFacts(PodUuid uuid, String hostname, NamespaceSource network, NamespaceSource ipc,
                       NamespaceSource uts, Optional<URI> metadataUrl, Optional<IdMapping> privateUsers,
                       NamespaceSource users) {

    public PodFacts {
        if (uuid == null || hostname == null || network == null || ipc == null || uts == null || metadataUrl == null
                || privateUsers == null || users == null) {
            throw new IllegalArgumentException("every pod fact must be given; use Optional.empty() for none");
        }
    }

    /** A pod in the host's user namespace. */
    public PodFacts(PodUuid uuid, String hostname, NamespaceSource network, NamespaceSource ipc, NamespaceSource uts,
                    Optional<URI> metadataUrl) {
        this(uuid, hostname, network, ipc, uts, metadataUrl, Optional.empty(), NamespaceSource.host());
    }

    /** This pod's apps each in a user namespace of its own, with {@code mapping}. */
    public PodFacts withPrivateUsers(IdMapping mapping) {
        return new PodFacts(uuid, hostname, network, ipc, uts, metadataUrl, Optional.of(mapping), NamespaceSource.ofPrivate());
    }

    /** This pod's apps in the pod's user namespace pinned at {@code pinned}, whose IDs {@code mapping} gives. */
    public PodFacts withPrivateUsers(IdMapping mapping, Path pinned) {
        return new PodFacts(uuid, hostname, network, ipc, uts, metadataUrl, Optional.of(mapping), NamespaceSource.joined(pinned));
    }

    /** A pod whose apps each get their own network, IPC and UTS namespaces, without a metadata service. */
    public static PodFacts isolated(PodUuid uuid, String hostname) {
        return new PodFacts(uuid, hostname, NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(),
                NamespaceSource.ofPrivate(), Optional.empty());
    }
}
