package dev.rocket.pod;

import dev.rocket.base.AtomicFile;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.PodManifest;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The pod manifest and its summary in a pod directory: written together and atomically, read leniently. */
final class PodFiles {

    private PodFiles() {
    }

    /** Replaces the pod manifest and brings the summary's apps in line with it. */
    static void writeManifest(Path pod, PodManifest manifest) throws RocketException {
        try {
            AtomicFile.write(PodLayout.manifest(pod), manifest.toJson(true));
        } catch (IOException e) {
            throw PodFailures.of("write the manifest of pod " + pod.getFileName(), e);
        }
        writeSummary(pod, readSummary(pod).withApps(manifest));
    }

    static PodManifest readManifest(Path pod) throws RocketException {
        Path file = PodLayout.manifest(pod);
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw PodFailures.of("read the manifest of pod " + pod.getFileName(), e);
        }
        try {
            return PodManifest.parse(json);
        } catch (SpecException e) {
            throw new RocketException(Kind.INTERNAL, "the manifest of pod " + pod.getFileName() + " (" + file
                    + ") is broken: " + e.getMessage(), e);
        }
    }

    static void writeSummary(Path pod, PodSummary summary) throws RocketException {
        try {
            AtomicFile.write(PodLayout.summary(pod), summary.toString());
        } catch (IOException e) {
            throw PodFailures.of("write the summary of pod " + pod.getFileName(), e);
        }
    }

    /**
     * The pod's summary; when it is missing or broken, what the pod manifest tells (apps, no times), and when that
     * is missing too, {@link PodSummary#UNKNOWN}: listing must not fail for one damaged or half-made pod.
     */
    static PodSummary readSummary(Path pod) {
        try {
            return PodSummary.parse(readSmall(PodLayout.summary(pod)));
        } catch (IOException | SpecException e) {
            return fromManifest(pod);
        }
    }

    /**
     * A small UTF-8 file's text through a {@link FileInputStream}: in a fresh JVM that is about a third of the cost
     * of {@link Files#readString} (no channel to set up), which {@code rkt list} pays once per pod.
     */
    static String readSmall(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PodSummary fromManifest(Path pod) {
        try {
            return PodSummary.UNKNOWN.withApps(readManifest(pod));
        } catch (RocketException e) {
            return PodSummary.UNKNOWN;
        }
    }

    /**
     * Moves a pod directory to {@code target} by {@code rename(2)}, creating the state directory if needed. A
     * {@link NoSuchFileException} means another process moved or deleted the pod first.
     */
    static void rename(Path pod, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(pod, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
