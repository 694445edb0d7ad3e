package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;

/**
 * Joins a pod's pinned network namespace to its networks with the CNI plugins, and undoes it. Setup brings up
 * loopback, then runs ADD for each network in order (interfaces {@code eth0}, {@code eth1}, ...), chaining the
 * portmap plugin after the network that carries {@code --port} forwards (the first that masquerades, else the
 * last, as rkt). Everything done is saved in {@code PODDIR/networking.json} so that {@link #tearDown} can run DEL
 * for each, also after {@code kill -9} of the process that set it up.
 */
public final class PodNetworking {

    private static final String LOOPBACK = "lo";

    private final NetworkSettings settings;
    private final CniPluginRunner plugins;

    public PodNetworking(NetworkSettings settings) {
        this.settings = settings;
        this.plugins = new CniPluginRunner(settings.pluginDirs());
    }

    /** Joins the given networks (as resolved by {@link NetworkCatalog}), without port forwards. */
    public List<NetworkAttachment> setUp(PodUuid pod, Path netnsFile, List<NetworkRequest> requests, Path podDir)
            throws RocketException {
        return setUp(pod, netnsFile, new NetSelection(NetSelection.Mode.CONTAINED, requests, false),
                List.of(), List.of(), podDir);
    }

    /**
     * Checks, before a pod is started, what {@link #setUp} would refuse: networks that are not configured, and
     * {@code --port} names that no app declares or that cannot be forwarded.
     */
    public void check(NetSelection selection, List<PortMapping> ports, List<Port> appPorts) throws RocketException {
        if (selection.mode() == NetSelection.Mode.HOST) {
            if (!ports.isEmpty()) {
                throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                        "--port cannot be used with --net=host: the apps already listen on the host's addresses");
            }
            return;
        }
        List<NetworkDefinition> networks = NetworkCatalog.load(settings.configDirs()).resolve(selection);
        if (!ports.isEmpty()) {
            PortForwards.runtimeConfig(ports, appPorts);
            if (networks.isEmpty()) {
                throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "--port needs a network to forward to; --net=none has none");
            }
        }
    }

    /**
     * Sets up the pod's networks as {@code --net} and {@code --port} ask. For {@code --net=host} nothing is done;
     * for {@code --net=none} only loopback comes up. If any step fails, what was done is undone before the
     * error is thrown.
     *
     * @param appPorts the ports the pod's apps declare, which {@code --port} names refer to
     */
    public List<NetworkAttachment> setUp(PodUuid pod, Path netnsFile, NetSelection selection, List<PortMapping> ports,
                                         List<Port> appPorts, Path podDir) throws RocketException {
        return setUp(pod, netnsFile, selection, ports, appPorts, OptionalLong.empty(), podDir, false);
    }

    /**
     * The same, with every network's interface limited to {@code bandwidth} bytes per second each way (the pod's
     * {@code resource/network-bandwidth}) by the CNI bandwidth plugin chained after the network's plugins;
     * {@code loopbackUp} says the namespace's loopback is already up (the pod's namespaces were created with it),
     * so that the loopback plugin is not run (nor its DEL at teardown) and a pod without networks
     * ({@code --net=none}) needs no plugin and leaves no state to tear down.
     */
    public List<NetworkAttachment> setUp(PodUuid pod, Path netnsFile, NetSelection selection, List<PortMapping> ports,
                                         List<Port> appPorts, OptionalLong bandwidth, Path podDir, boolean loopbackUp)
            throws RocketException {
        if (selection.mode() == NetSelection.Mode.HOST) {
            if (!ports.isEmpty()) {
                throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                        "--port cannot be used with --net=host: the apps already listen on the host's addresses");
            }
            return List.of();
        }
        List<NetworkDefinition> networks = NetworkCatalog.load(settings.configDirs()).resolve(selection);
        ObjectNode portMappings = ports.isEmpty() ? null : PortForwards.runtimeConfig(ports, appPorts);
        if (portMappings != null && networks.isEmpty()) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "--port needs a network to forward to; --net=none has none");
        }
        if (loopbackUp && networks.isEmpty()) return List.of();
        Trace.mark("network: configuration loaded");
        int forwardIndex = forwardingNetwork(networks);
        PodNetworkState state = PodNetworkState.create(podDir, pod.toString(), netnsFile, settings.pluginDirs());
        try {
            // the loopback plugin only sets lo up (and down at DEL, in a namespace about to go): skip it if lo is up
            if (!loopbackUp) join(state, LOOPBACK, "", List.of(loopbackConfig()));
            List<NetworkAttachment> attachments = new ArrayList<>();
            for (int i = 0; i < networks.size(); i++) {
                NetworkDefinition network = networks.get(i);
                List<ObjectNode> chain = new ArrayList<>(network.plugins().stream().map(this::withIpamDir).toList());
                if (portMappings != null && i == forwardIndex) addPortMappings(chain, network, portMappings);
                if (bandwidth.isPresent()) chain.add(bandwidthConfig(network, bandwidth.getAsLong()));
                String ifName = "eth" + i;
                JsonNode result = join(state, ifName, cniArgs(selection, network.name()), chain);
                attachments.add(CniResults.attachment(network.name(), ifName, result));
            }
            JoinedNetworks.save(podDir, attachments);
            return attachments;
        } catch (RocketException | RuntimeException e) {
            try {
                tearDown(podDir);
            } catch (RocketException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /**
     * Runs DEL for every network saved in the pod's state, last joined first, removes any iptables rule still
     * tagged with the pod's ID, then deletes the state. Safe to repeat, on a pod whose setup was interrupted, and
     * after its namespace is gone. A failed DEL of a network that was joined keeps it in the state (so a later
     * teardown retries it) and is thrown after the others were tried. A failed DEL of a network whose ADD never
     * completed is only reported in the returned list: the plugin refused it twice, there is nothing to retry.
     *
     * @return problems that did not stop the teardown, for the caller to show as warnings
     */
    public List<String> tearDown(Path podDir) throws RocketException {
        return tearDownSaved(podDir);
    }

    /**
     * {@link #tearDown} needing nothing but the pod directory: the plugin directories come from the saved state,
     * so a process that knows no flags (the pod's exit path, gc) can undo the setup.
     */
    public static List<String> tearDownSaved(Path podDir) throws RocketException {
        Optional<PodNetworkState> loaded = PodNetworkState.load(podDir);
        if (loaded.isEmpty()) return List.of();
        PodNetworkState state = loaded.get();
        CniPluginRunner plugins = new CniPluginRunner(state.pluginDirs());
        RocketException first = null;
        List<String> warnings = new ArrayList<>();
        List<ObjectNode> entries = state.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            ObjectNode entry = entries.get(i);
            try {
                leave(plugins, state, entry);
                state.remove(entry);
            } catch (RocketException e) {
                if (!entry.hasNonNull("result")) {
                    warnings.add(e.getMessage());
                    state.remove(entry);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) throw first;
        IptablesSweep.removeRulesOf(state.containerId());
        try {
            JoinedNetworks.delete(podDir);
        } catch (IOException e) {
            warnings.add("cannot remove " + podDir.resolve(JoinedNetworks.FILE_NAME) + ": " + e.getMessage());
        }
        state.delete();
        TeardownScript.delete(podDir);
        return warnings;
    }

    /**
     * Writes {@code PODDIR/networking-teardown.sh}, a bash script doing what {@link #tearDownSaved} does without a
     * JVM, for the pod's process to run when its apps have exited (see {@link TeardownScript}).
     *
     * @return the script, or empty if the pod has no saved network state (nothing to tear down)
     */
    public static Optional<Path> writeTeardownScript(Path podDir) throws RocketException {
        Optional<PodNetworkState> state = PodNetworkState.load(podDir);
        if (state.isEmpty()) return Optional.empty();
        return Optional.of(TeardownScript.write(podDir, state.get()));
    }

    /** The networks a pod joined, from its saved state, for {@code rkt list} and {@code rkt status}. */
    public static List<NetworkAttachment> attachments(Path podDir) throws RocketException {
        Optional<PodNetworkState> state = PodNetworkState.load(podDir);
        if (state.isEmpty()) return List.of();
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (ObjectNode entry : state.get().entries()) {
            String ifName = entry.path("ifName").asText();
            if (ifName.equals(LOOPBACK) || !entry.has("result")) continue;
            attachments.add(CniResults.attachment(entry.path("network").asText(), ifName, entry.get("result")));
        }
        return attachments;
    }

    private JsonNode join(PodNetworkState state, String ifName, String cniArgs, List<ObjectNode> chain)
            throws RocketException {
        ObjectNode entry = state.adding(chain.getFirst().path("name").asText(), ifName, cniArgs, chain);
        CniInvocation invocation = new CniInvocation(state.containerId(), state.netns(), ifName, cniArgs);
        JsonNode result = null;
        for (ObjectNode plugin : chain) {
            ObjectNode config = plugin.deepCopy();
            if (result != null) config.set("prevResult", result);
            result = plugins.run(CniPluginRunner.Command.ADD, config, invocation);
            Trace.mark("network: " + config.path("type").asText() + " ADD on " + ifName);
        }
        state.added(entry, result);
        return result;
    }

    private static void leave(CniPluginRunner plugins, PodNetworkState state, ObjectNode entry) throws RocketException {
        CniInvocation invocation = new CniInvocation(state.containerId(), state.netns(),
                entry.path("ifName").asText(), entry.path("cniArgs").asText(""));
        JsonNode chain = entry.path("plugins");
        for (int i = chain.size() - 1; i >= 0; i--) {
            ObjectNode config = ((ObjectNode) chain.get(i)).deepCopy();
            if (entry.hasNonNull("result")) config.set("prevResult", entry.get("result"));
            plugins.run(CniPluginRunner.Command.DEL, config, invocation);
        }
    }

    private static int forwardingNetwork(List<NetworkDefinition> networks) {
        for (int i = 0; i < networks.size(); i++) {
            if (networks.get(i).masquerades()) return i;
        }
        return networks.size() - 1;
    }

    /**
     * The network's {@code --net} arguments as {@code CNI_ARGS}. {@code IgnoreUnknown=1} comes first, as rkt
     * does, because every plugin in a chain sees them and most reject keys they do not know (e.g. {@code IP},
     * which only the IPAM plugin reads).
     */
    private static String cniArgs(NetSelection selection, String network) {
        return selection.requests().stream()
                .filter(request -> request.name().equals(network) && !request.cniArgs().isEmpty())
                .map(request -> "IgnoreUnknown=1;" + request.cniArgs())
                .findFirst().orElse("");
    }

    private ObjectNode withIpamDir(ObjectNode config) {
        JsonNode ipam = config.get("ipam");
        if (ipam instanceof ObjectNode ipamConfig && ipamConfig.path("type").asText().equals("host-local")
                && !ipamConfig.has("dataDir")) {
            ipamConfig.put("dataDir", settings.ipamDir().toString());
        }
        return config;
    }

    private static ObjectNode loopbackConfig() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("cniVersion", BuiltinNetworks.CNI_VERSION);
        config.put("name", LOOPBACK);
        config.put("type", "loopback");
        return config;
    }

    /**
     * Gives the port mappings to the plugin of a list that declares the {@code portMappings} capability, or
     * chains the portmap plugin after the network's own plugins.
     */
    private static void addPortMappings(List<ObjectNode> chain, NetworkDefinition network, ObjectNode portMappings) {
        for (ObjectNode plugin : chain) {
            if (plugin.path("capabilities").path("portMappings").asBoolean(false)) {
                plugin.withObjectProperty("runtimeConfig").setAll(portMappings);
                return;
            }
        }
        chain.add(portmapConfig(network, portMappings));
    }

    /**
     * The bandwidth plugin's configuration: ingress and egress at {@code bytesPerSecond} (the plugin counts bits),
     * with a burst of a tenth of a second's worth, never below 64 KiB so that one full-size packet always fits.
     */
    static ObjectNode bandwidthConfig(NetworkDefinition network, long bytesPerSecond) {
        long bits = Math.multiplyExact(bytesPerSecond, 8L);
        long burst = Math.max(bits / 10, 64L * 1024 * 8);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("cniVersion", network.cniVersion());
        config.put("name", network.name());
        config.put("type", "bandwidth");
        config.put("ingressRate", bits);
        config.put("ingressBurst", burst);
        config.put("egressRate", bits);
        config.put("egressBurst", burst);
        return config;
    }

    private static ObjectNode portmapConfig(NetworkDefinition network, ObjectNode portMappings) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("cniVersion", network.cniVersion());
        config.put("name", network.name());
        config.put("type", "portmap");
        config.putObject("capabilities").put("portMappings", true);
        config.putObject("runtimeConfig").setAll(portMappings);
        return config;
    }
}
