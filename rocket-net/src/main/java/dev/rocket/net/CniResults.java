package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CNI ADD result into a {@link NetworkAttachment}, for results of CNI 0.3 and later ({@code interfaces},
 * {@code ips}) and of 0.1/0.2 ({@code ip4}).
 */
final class CniResults {

    private CniResults() {
    }

    static NetworkAttachment attachment(String network, String ifName, JsonNode result) {
        JsonNode chosen = null;
        JsonNode ips = result.path("ips");
        for (JsonNode ip : ips) {
            if (chosen == null || isOnInterface(result, ip, ifName) && !isOnInterface(result, chosen, ifName)) {
                chosen = ip;
            }
        }
        String address;
        Optional<String> gateway;
        if (chosen != null) {
            address = chosen.path("address").asText("");
            gateway = text(chosen, "gateway");
        } else {
            JsonNode ip4 = result.path("ip4");
            address = ip4.path("ip").asText("");
            gateway = text(ip4, "gateway");
        }
        return new NetworkAttachment(network, ifName, address, gateway, dns(result.path("dns")));
    }

    private static boolean isOnInterface(JsonNode result, JsonNode ip, String ifName) {
        if (!ip.has("interface")) return false;
        JsonNode iface = result.path("interfaces").path(ip.path("interface").asInt(-1));
        return ifName.equals(iface.path("name").asText());
    }

    private static CniDns dns(JsonNode dns) {
        return new CniDns(strings(dns.path("nameservers")), dns.path("domain").asText(""),
                strings(dns.path("search")), strings(dns.path("options")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) values.add(value.asText());
        return values;
    }

    private static Optional<String> text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
