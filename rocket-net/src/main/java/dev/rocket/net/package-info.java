/**
 * Pod networking through the CNI plugins. How the pod path uses it:
 *
 * <pre>{@code
 * NetSelection net = NetSelection.parse(netFlagValues);                 // --net, repeated
 * List<PortMapping> ports = ...PortMapping.parse(value)...;             // --port, repeated
 * Path netns = podDir.resolve("stage1/ns/net");
 * if (net.mode() != NetSelection.Mode.HOST) NetnsFile.create(netns);   // then give runc this path
 * PodNetworking networking = new PodNetworking(NetworkSettings.of(localConfig, systemConfig, dataDir));
 * List<NetworkAttachment> attached = networking.setUp(uuid, netns, net, ports, appPorts, podDir);
 * ResolvConf resolv = ResolvConf.decide(dnsFlags, attached.stream().map(NetworkAttachment::dns).toList());
 * HostsFile hosts = HostsFile.render(hostsEntries, hostname, attached.stream().findFirst().map(NetworkAttachment::ip));
 * // on stop and in gc, in this order:
 * networking.tearDown(podDir);
 * NetnsFile.remove(netns);
 * }</pre>
 */
package dev.rocket.net;
