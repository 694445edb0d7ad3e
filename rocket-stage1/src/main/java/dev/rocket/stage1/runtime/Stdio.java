package dev.rocket.stage1.runtime;

import java.lang.ProcessBuilder.Redirect;

/** Where a container's standard input, output and error go. */
public record Stdio(Redirect in, Redirect out, Redirect err) {

    /** The caller's own streams. */
    public static Stdio inherit() {
        return new Stdio(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    }

    /** No input; output and error thrown away. */
    public static Stdio discard() {
        return new Stdio(Redirect.from(new java.io.File("/dev/null")), Redirect.DISCARD, Redirect.DISCARD);
    }
}
