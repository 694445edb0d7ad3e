package dev.rocket.mds;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registered pods, found by token (HTTP requests) or UUID (verify, unregister). Thread-safe. */
public final class PodRegistry {

    private final Map<PodUuid, RegisteredPod> byUuid = new ConcurrentHashMap<>();
    private final Map<String, RegisteredPod> byTokenDigest = new ConcurrentHashMap<>();

    /** Registers a pod under a new token, which is returned: the only copy of it the service ever gives out. */
    public String register(Registration registration) throws RocketException {
        Optional<PodProcess> process = registration.pid().isPresent()
                ? Optional.of(PodProcess.of(registration.pid().getAsLong())) : Optional.empty();
        String token = PodToken.generate();
        RegisteredPod pod = new RegisteredPod(registration, PodToken.digest(token), PodKey.generate(), process);
        if (byUuid.putIfAbsent(registration.uuid(), pod) != null) {
            throw new RocketException(RocketException.Kind.ALREADY_EXISTS, "pod " + registration.uuid()
                    + " is already registered with the metadata service; unregister it first");
        }
        byTokenDigest.put(pod.tokenDigest(), pod);
        return token;
    }

    /** Forgets a pod; false if it was not registered. */
    public boolean unregister(PodUuid uuid) {
        RegisteredPod pod = byUuid.remove(uuid);
        if (pod == null) return false;
        byTokenDigest.remove(pod.tokenDigest());
        return true;
    }

    // removes this registration only, not a later one of the same pod
    private boolean remove(RegisteredPod pod) {
        if (!byUuid.remove(pod.registration().uuid(), pod)) return false;
        byTokenDigest.remove(pod.tokenDigest());
        return true;
    }

    Optional<RegisteredPod> byToken(String token) {
        if (!PodToken.isWellFormed(token)) return Optional.empty();
        return Optional.ofNullable(byTokenDigest.get(PodToken.digest(token)));
    }

    Optional<RegisteredPod> byUuid(PodUuid uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public boolean isRegistered(PodUuid uuid) {
        return byUuid.containsKey(uuid);
    }

    /** Unregisters every pod whose process has ended; returns their UUIDs. */
    public List<PodUuid> reapExited() {
        List<PodUuid> reaped = new ArrayList<>();
        for (RegisteredPod pod : List.copyOf(byUuid.values())) {
            if (pod.process().isPresent() && pod.process().get().isGone()) {
                if (remove(pod)) reaped.add(pod.registration().uuid());
            }
        }
        return reaped;
    }
}
