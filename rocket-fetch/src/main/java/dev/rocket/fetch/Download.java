package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.store.index.CacheValidators;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP download whose headers have arrived and whose body the caller streams, so that a fetch reads the
 * image straight into its single pass instead of through a temp file. The body gives up when the server
 * sends nothing for the stall timeout, and fails at its end when it is shorter than the Content-Length; such
 * a failure is kept as {@link #failure()}, the error to report rather than what the reader made of the broken
 * stream. Closing it closes the connection.
 */
public final class Download implements AutoCloseable {

    private final URI url;
    private final boolean notModified;
    private final CacheValidators validators;
    private final Body body;

    private Download(URI url, boolean notModified, CacheValidators validators, Body body) {
        this.url = url;
        this.notModified = notModified;
        this.validators = validators;
        this.body = body;
    }

    static Download notModified(URI url, CacheValidators validators) {
        return new Download(url, true, validators, null);
    }

    static Download of(URI url, CacheValidators validators, InputStream body, OptionalLong length, Duration stallTimeout,
                       ProgressListener progress) {
        return new Download(url, false, validators, new Body(url, body, length, stallTimeout, progress));
    }

    /** Where the body came from after redirects. */
    public URI finalUrl() {
        return url;
    }

    /** The server answered 304: the stored copy is current and there is no body. */
    public boolean notModified() {
        return notModified;
    }

    /** The response's cache validators (with the previous ones where the server repeated none). */
    public CacheValidators validators() {
        return validators;
    }

    /** The body, read once; not for a {@link #notModified()} answer. */
    public InputStream body() {
        if (body == null) throw new IllegalStateException("a 304 answer has no body");
        return body;
    }

    /** Why the body broke off (stall, truncation, connection lost), once it has. */
    public Optional<RocketException> failure() {
        return body == null ? Optional.empty() : Optional.ofNullable(body.failure);
    }

    @Override
    public void close() {
        if (body != null) body.close();
    }

    /** The response body with the stall watchdog, progress and the Content-Length check. */
    private static final class Body extends InputStream {
        private final URI url;
        private final InputStream in;
        private final OptionalLong length;
        private final Duration stallTimeout;
        private final ProgressListener progress;
        private final ScheduledExecutorService watchdog;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;
        private long total;
        private volatile RocketException failure;
        private boolean watching;

        Body(URI url, InputStream in, OptionalLong length, Duration stallTimeout, ProgressListener progress) {
            this.url = url;
            this.in = in;
            this.length = length;
            this.stallTimeout = stallTimeout;
            this.progress = progress;
            this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "download-watchdog");
                thread.setDaemon(true);
                return thread;
            });
        }

        /** The watchdog starts with the first read: the caller may fetch the signature between headers and body. */
        private void watch() {
            watching = true;
            long checkEvery = Math.max(10, stallTimeout.toMillis() / 4);
            lastProgress = System.nanoTime();
            watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    stalled = true;
                    closeQuietly(in);
                }
            }, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int count) throws IOException {
            if (failure != null) throw new IOException(failure.getMessage(), failure);
            if (!watching) watch();
            int read;
            try {
                read = in.read(bytes, offset, count);
            } catch (IOException e) {
                throw fail(stalled ? stallError(e) : new RocketException(Kind.UNAVAILABLE, "download of " + url
                        + " broke off after " + total + " bytes: " + describe(e), e));
            }
            if (read < 0) {
                watchdog.shutdownNow();
                if (stalled) throw fail(stallError(null));
                if (length.isPresent() && total != length.getAsLong()) {
                    throw fail(new RocketException(Kind.UNAVAILABLE, "download of " + url + " is truncated: got " + total
                            + " of " + length.getAsLong() + " bytes"));
                }
                return -1;
            }
            total += read;
            lastProgress = System.nanoTime();
            progress.transferred(total, length);
            return read;
        }

        @Override
        public int available() throws IOException {
            return failure != null ? 0 : in.available();
        }

        private RocketException stallError(IOException cause) {
            return new RocketException(Kind.UNAVAILABLE, "the server of " + url + " sent nothing for "
                    + stallTimeout.toSeconds() + "s; giving up after " + total + " bytes", cause);
        }

        private IOException fail(RocketException error) {
            failure = error;
            watchdog.shutdownNow();
            return new IOException(error.getMessage(), error);
        }

        @Override
        public void close() {
            watchdog.shutdownNow();
            closeQuietly(in);
        }

        private static String describe(IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        private static void closeQuietly(InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // closing is best effort here
            }
        }
    }
}
