package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.Volume;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** rkt's {@code --volume NAME,kind=host|empty,source=PATH,readOnly=BOOL,recursive=BOOL,mode=,uid=,gid=}. */
final class VolumeFlag {

    private VolumeFlag() {
    }

    static Volume parse(String text) throws RocketException {
        Map<String, String> fields = Fields.parse("--volume", text);
        String name = fields.remove("");
        if (name == null) throw AppArguments.invalid("--volume", text, "NAME,kind=host,source=PATH first the name");
        String kindText = fields.remove("kind");
        Volume.Kind kind = switch (kindText == null ? "" : kindText) {
            case "host" -> Volume.Kind.HOST;
            case "empty" -> Volume.Kind.EMPTY;
            default -> throw AppArguments.invalid("--volume", text, "kind=host or kind=empty");
        };
        Optional<String> source = Optional.ofNullable(fields.remove("source"));
        Optional<Boolean> readOnly = bool(text, fields.remove("readOnly"));
        Optional<Boolean> recursive = bool(text, fields.remove("recursive"));
        Optional<String> mode = Optional.ofNullable(fields.remove("mode"));
        OptionalInt uid = id(text, fields.remove("uid"));
        OptionalInt gid = id(text, fields.remove("gid"));
        if (!fields.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--volume " + text + ": unknown field " + fields.keySet().iterator().next()
                    + "; the fields are kind, source, readOnly, recursive, mode, uid and gid");
        }
        try {
            return new Volume(AppArguments.acName("--volume", name), kind, source, readOnly, recursive, mode, uid, gid);
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--volume " + text + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Boolean> bool(String text, String value) throws RocketException {
        if (value == null) return Optional.empty();
        if (!value.equals("true") && !value.equals("false")) throw AppArguments.invalid("--volume", text, "true or false");
        return Optional.of(Boolean.parseBoolean(value));
    }

    private static OptionalInt id(String text, String value) throws RocketException {
        if (value == null) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw AppArguments.invalid("--volume", text, "a number for uid and gid");
        }
    }
}
