package dev.rocket.fetch;

/** What a fetch tells its user along the way; the command line prints it on stderr. */
public interface FetchEvents {

    FetchEvents NONE = new FetchEvents() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warning(String message) {
        }
    };

    void info(String message);

    void warning(String message);

    default ProgressListener progress(String what) {
        return ProgressListener.NONE;
    }
}
