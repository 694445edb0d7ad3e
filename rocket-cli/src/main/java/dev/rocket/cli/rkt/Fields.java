package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value,key=value} syntax of rkt's {@code --volume} and {@code --mount}. */
final class Fields {

    private Fields() {
    }

    /** The fields in order; a field without {@code =} maps to the empty string only when it is the first. */
    static Map<String, String> parse(String flag, String text) throws RocketException {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            if (equals < 0 && i == 0) {
                fields.put("", part);
                continue;
            }
            if (equals <= 0 || fields.put(part.substring(0, equals), part.substring(equals + 1)) != null) {
                throw new RocketException(Kind.INVALID_ARGUMENT, flag + " " + text + ": cannot read field \"" + part
                        + "\"; write key=value pairs separated by commas, each key once");
            }
        }
        return fields;
    }
}
