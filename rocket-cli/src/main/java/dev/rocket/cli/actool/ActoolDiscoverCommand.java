package dev.rocket.cli.actool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.fetch.AuthHeaders;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HostRoutes;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.ImageDiscovery;
import dev.rocket.fetch.MetaDiscovery;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.discovery.DiscoveredEndpoints;
import dev.rocket.store.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code actool discover}: where meta discovery finds an image, its signature and its keys. */
@Command(name = "discover", description = "Discover the download URLs of an image (and its signature and keys).")
final class ActoolDiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--insecure", description = "Also try plain HTTP for discovery pages.")
    boolean insecure;

    // Like curl's --connect-to: for trying a discovery setup (and for tests) without DNS.
    @Option(names = "--connect-to", hidden = true, split = ",", paramLabel = "HOST[:PORT]=ADDRESS:PORT")
    List<String> connectTo = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Image names: NAME[:VERSION][,LABEL=VALUE...].")
    List<String> names;

    @Override
    public Integer call() throws RocketException {
        PrintWriter out = spec.commandLine().getOut();
        InsecureOptions options = InsecureOptions.parse(insecure ? List.of("http") : List.of());
        HttpDownloader http = HttpDownloader.withDefaults(options).with(HostRoutes.parse(connectTo), AuthHeaders.NONE);
        MetaDiscovery meta = new MetaDiscovery(http, options, FetchEvents.NONE);
        ImageDiscovery discovery = ImageDiscovery.forHost(meta, options, Optional.empty());
        ArrayNode documents = JsonOutput.array();
        for (String name : names) {
            ImageReference reference;
            try {
                reference = ImageReference.parse(name);
            } catch (SpecException e) {
                throw RocketException.invalid("\"" + name + "\" is not an image name", e);
            }
            MetaDiscovery.Found found = meta.images(discovery.request(reference));
            if (json) {
                documents.add(document(found));
            } else {
                for (DiscoveredEndpoints.ImageEndpoint endpoint : found.endpoints().images()) {
                    out.println("ACI: " + endpoint.image() + ", ASC: " + endpoint.signature());
                }
                for (String key : found.endpoints().publicKeys()) out.println("Keys: " + key);
            }
        }
        if (json) JsonOutput.print(out, names.size() == 1 ? documents.get(0) : documents, true);
        out.flush();
        return 0;
    }

    private static ObjectNode document(MetaDiscovery.Found found) {
        ObjectNode document = JsonOutput.object();
        document.put("name", found.request().name());
        ObjectNode labels = document.putObject("labels");
        found.request().labels().forEach(labels::put);
        document.put("discoveryUrl", found.page().toString());
        ArrayNode images = document.putArray("aciEndpoints");
        for (DiscoveredEndpoints.ImageEndpoint endpoint : found.endpoints().images()) {
            images.addObject().put("aci", endpoint.image()).put("asc", endpoint.signature());
        }
        ArrayNode keys = document.putArray("publicKeys");
        found.endpoints().publicKeys().forEach(keys::add);
        return document;
    }
}
