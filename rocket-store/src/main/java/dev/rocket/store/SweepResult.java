package dev.rocket.store;

/**
 * What a clean-up pass of the store did.
 *
 * @param done        false when it was skipped because another process was writing (try again later)
 * @param tempFiles   temp files of dead or failed ingests deleted
 * @param orphanBlobs blobs without an index row deleted (left by a crash between rename and index insert)
 */
public record SweepResult(boolean done, int tempFiles, int orphanBlobs) {

    static final SweepResult SKIPPED = new SweepResult(false, 0, 0);
}
