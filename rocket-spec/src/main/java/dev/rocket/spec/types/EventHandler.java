package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A command run at a point of an app's life (aci.md "eventHandlers"); an app has at most one per event. */
public record EventHandler(Event name, Exec exec) {

    /** The events an app can hook. */
    public enum Event {
        /** Run, and must exit, before the app's main process starts. */
        PRE_START("pre-start"),
        /** Run after the app's main process has stopped. */
        POST_STOP("post-stop");

        private final String wire;

        Event(String wire) {
            this.wire = wire;
        }

        public static Event parse(String text) throws SpecException {
            for (Event event : values()) {
                if (event.wire.equals(text)) return event;
            }
            throw new SpecException("name", text, "an event handler name must be one of "
                    + Arrays.stream(values()).map(Event::toString).collect(Collectors.joining(", ")));
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    public EventHandler {
        if (name == null) throw new IllegalArgumentException("event handler needs an event");
        if (exec == null || exec.isEmpty()) throw new IllegalArgumentException("event handler " + name + " needs an exec");
    }

    /** The rule that each event has at most one handler; paths are {@code $[i].name}. */
    public static List<Violation> problems(List<EventHandler> handlers) {
        return UniqueNames.violations(handlers, EventHandler::name, "event handler names");
    }
}
