package dev.rocket.cli.actool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The edits of {@code actool patch-manifest}, applied to the manifest's JSON in the flag syntax of appc's
 * actool: {@code --mounts=work,path=/opt,readOnly=true:data,path=/data}, {@code --ports=http,protocol=tcp,port=80},
 * {@code --isolators=resource/cpu,request=50m,limit=100m}, {@code --capability=CAP_NET_ADMIN,CAP_CHOWN}.
 * The result is validated by the caller like any manifest.
 */
final class ManifestPatch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BOOLEAN_KEYS = Set.of("readOnly", "socketActivated", "default");
    private static final Set<String> NUMBER_KEYS = Set.of("port", "count");
    private static final String RETAIN_SET = "os/linux/capabilities-retain-set";

    String name;
    String exec;
    String user;
    String group;
    List<Long> supplementaryGids;
    String capability;
    String mounts;
    String ports;
    String isolators;

    boolean isEmpty() {
        return name == null && exec == null && user == null && group == null && supplementaryGids == null
                && capability == null && mounts == null && ports == null && isolators == null;
    }

    /** The patched manifest JSON. */
    byte[] apply(byte[] manifest) throws RocketException {
        ObjectNode root;
        try {
            JsonNode parsed = JSON.readTree(manifest);
            if (!(parsed instanceof ObjectNode object)) throw new RocketException(Kind.INVALID_ARGUMENT, "the manifest is not a JSON object");
            root = object;
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the image's manifest is not JSON: " + e.getMessage(), e);
        }
        if (name != null) root.put("name", name);
        ObjectNode app = root.get("app") instanceof ObjectNode existing ? existing : null;
        if (exec != null) {
            if (app == null) app = root.putObject("app");
            ArrayNode args = app.putArray("exec");
            Arrays.stream(exec.trim().split(" +")).forEach(args::add);
        }
        boolean editsApp = user != null || group != null || supplementaryGids != null || capability != null
                || mounts != null || ports != null || isolators != null;
        if (editsApp && app == null) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the manifest has no app; give --exec to add one");
        }
        if (user != null) app.put("user", user);
        if (group != null) app.put("group", group);
        if (supplementaryGids != null) {
            ArrayNode gids = app.putArray("supplementaryGIDs");
            supplementaryGids.forEach(gids::add);
        }
        if (capability != null) setCapabilities(app);
        if (mounts != null) append(app, "mountPoints", "--mounts", mounts, "name");
        if (ports != null) append(app, "ports", "--ports", ports, "name");
        if (isolators != null) appendIsolators(app);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private void setCapabilities(ObjectNode app) {
        ArrayNode list = isolatorList(app);
        for (int i = list.size() - 1; i >= 0; i--) {
            if (RETAIN_SET.equals(list.get(i).path("name").asText())) list.remove(i);
        }
        ObjectNode isolator = list.addObject();
        isolator.put("name", RETAIN_SET);
        ArrayNode set = isolator.putObject("value").putArray("set");
        Arrays.stream(capability.split(",")).map(String::trim).filter(c -> !c.isEmpty()).forEach(set::add);
    }

    private void appendIsolators(ObjectNode app) throws RocketException {
        ArrayNode list = isolatorList(app);
        for (String item : isolators.split(":")) {
            List<String[]> pairs = pairs("--isolators", item, "name");
            String isolatorName = pairs.getFirst()[1];
            if (!isolatorName.startsWith("resource/")) {
                throw new RocketException(Kind.INVALID_ARGUMENT,
                        "--isolators patches resource isolators only; \"" + isolatorName + "\" is not one");
            }
            ObjectNode isolator = list.addObject();
            isolator.put("name", isolatorName);
            ObjectNode value = isolator.putObject("value");
            for (String[] pair : pairs.subList(1, pairs.size())) put(value, pair[0], pair[1]);
        }
    }

    private static ArrayNode isolatorList(ObjectNode app) {
        return app.get("isolators") instanceof ArrayNode existing ? existing : app.putArray("isolators");
    }

    private static void append(ObjectNode app, String field, String flag, String text, String firstKey) throws RocketException {
        ArrayNode list = app.get(field) instanceof ArrayNode existing ? existing : app.putArray(field);
        for (String item : text.split(":")) {
            ObjectNode object = list.addObject();
            for (String[] pair : pairs(flag, item, firstKey)) put(object, pair[0], pair[1]);
        }
    }

    /** {@code first,k=v,k=v} as pairs, the bare first element under {@code firstKey}. */
    private static List<String[]> pairs(String flag, String item, String firstKey) throws RocketException {
        String[] parts = item.split(",");
        if (parts[0].isBlank() || parts[0].contains("=")) {
            throw new RocketException(Kind.INVALID_ARGUMENT, flag + ": \"" + item + "\" must start with a " + firstKey);
        }
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[]{firstKey, parts[0].trim()});
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals <= 0) {
                throw new RocketException(Kind.INVALID_ARGUMENT, flag + ": \"" + parts[i] + "\" in \"" + item + "\" is not key=value");
            }
            pairs.add(new String[]{parts[i].substring(0, equals).trim(), parts[i].substring(equals + 1).trim()});
        }
        return pairs;
    }

    private static void put(ObjectNode object, String key, String value) throws RocketException {
        if (BOOLEAN_KEYS.contains(key)) {
            if (!value.equals("true") && !value.equals("false")) {
                throw new RocketException(Kind.INVALID_ARGUMENT, key + "=" + value + ": expected true or false");
            }
            object.put(key, Boolean.parseBoolean(value));
        } else if (NUMBER_KEYS.contains(key)) {
            try {
                object.put(key, Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new RocketException(Kind.INVALID_ARGUMENT, key + "=" + value + ": expected a whole number");
            }
        } else {
            object.put(key, value);
        }
    }
}
