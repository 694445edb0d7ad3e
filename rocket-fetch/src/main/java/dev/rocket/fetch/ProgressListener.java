package dev.rocket.fetch;

import java.util.OptionalLong;

/** Told how a download advances, so a terminal can show a progress bar; libraries never print. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (bytes, total) -> { };

    void transferred(long bytes, OptionalLong total);
}
