package dev.rocket.pod;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code rkt list} shows of a pod besides its UUID and state, kept in the pod's {@link PodLayout#SUMMARY}
 * file so that listing reads one small file per pod rather than every pod manifest. Written when the pod is
 * created, when its manifest is written or replaced, and when it starts. The wire form is line based:
 *
 * <pre>
 * rocket-pod-summary 1
 * created 1737823352.563000000 2025-01-25T16:42:32.563Z
 * started 1737823445.294000000 2025-01-25T16:44:05.294Z   (absent until the pod runs)
 * app redis sha512-91e98d7f... redis                         (name, image ID or "-", image name or "-")
 * </pre>
 *
 * A time is read from its first field, seconds and nanoseconds since the epoch, which is much cheaper to parse
 * in a fresh JVM than ISO-8601 (listing reads a thousand of them); the ISO form after it is for people.
 */
public record PodSummary(Optional<Instant> created, Optional<Instant> started, List<PodApp> apps) {

    /** Nothing known, as for a pod whose summary file is missing. */
    public static final PodSummary UNKNOWN = new PodSummary(Optional.empty(), Optional.empty(), List.of());

    private static final String HEADER = "rocket-pod-summary 1";
    private static final String ABSENT = "-";

    public PodSummary {
        apps = List.copyOf(apps);
        if (created == null || started == null) throw new IllegalArgumentException("use empty values, not null");
    }

    /** A pod created at {@code created} with no apps yet. */
    public static PodSummary createdAt(Instant created) {
        return new PodSummary(Optional.of(created), Optional.empty(), List.of());
    }

    /** This summary with the apps of {@code manifest}. */
    public PodSummary withApps(PodManifest manifest) {
        return new PodSummary(created, started, manifest.apps().stream().map(PodApp::of).toList());
    }

    /** This summary with the start time. */
    public PodSummary startedAt(Instant time) {
        return new PodSummary(created, Optional.of(time), apps);
    }

    /**
     * Reads the wire form; lines of keys this version does not know are skipped, for later additions. Written as
     * plain loops (no streams, no regular expressions): {@code rkt list} parses one summary per pod in a fresh JVM.
     */
    public static PodSummary parse(String text) throws SpecException {
        int end = lineEnd(text, 0);
        if (end != HEADER.length() || !text.startsWith(HEADER)) {
            throw new SpecException("line 1", text.isEmpty() ? null : text.substring(0, end),
                    "a pod summary starts with \"" + HEADER + "\"; delete the file to have it rebuilt from the pod manifest");
        }
        Optional<Instant> created = Optional.empty();
        Optional<Instant> started = Optional.empty();
        List<PodApp> apps = new ArrayList<>();
        int line = 1;
        for (int start = nextLine(text, end); start < text.length(); start = nextLine(text, end)) {
            end = lineEnd(text, start);
            line++;
            int space = text.indexOf(' ', start);
            String key = text.substring(start, space < 0 || space > end ? end : space);
            switch (key) {
                case "created" -> created = Optional.of(instant(fields(text, start, end), line));
                case "started" -> started = Optional.of(instant(fields(text, start, end), line));
                case "app" -> apps.add(app(fields(text, start, end), line));
                default -> { }
            }
        }
        return new PodSummary(created, started, apps);
    }

    /** Where the line that starts at {@code start} ends: at its {@code \n}, {@code \r} or the end of the text. */
    private static int lineEnd(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
        return end;
    }

    /** The start of the line after the one ending at {@code end} ({@code \r\n} is one break, as for String.lines). */
    private static int nextLine(String text, int end) {
        if (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') return end + 2;
        return end + 1;
    }

    /** The space-separated fields of the line from {@code start} to {@code end}, as {@code String.split(" ")}. */
    private static String[] fields(String text, int start, int end) {
        List<String> fields = new ArrayList<>(4);
        for (int from = start; ; ) {
            int space = text.indexOf(' ', from);
            if (space < 0 || space >= end) {
                fields.add(text.substring(from, end));
                break;
            }
            fields.add(text.substring(from, space));
            from = space + 1;
        }
        int size = fields.size();
        while (size > 1 && fields.get(size - 1).isEmpty()) size--;
        return fields.subList(0, size).toArray(new String[size]);
    }

    private static Instant instant(String[] fields, int line) throws SpecException {
        String epoch = fields.length >= 2 ? fields[1] : "";
        int dot = epoch.indexOf('.');
        try {
            if (dot < 0 || epoch.length() - dot - 1 != 9) throw new NumberFormatException(epoch);
            return Instant.ofEpochSecond(Long.parseLong(epoch, 0, dot, 10), Integer.parseInt(epoch, dot + 1, epoch.length(), 10));
        } catch (NumberFormatException | DateTimeException e) {
            throw new SpecException("line " + line, epoch, "a time must be seconds since the epoch, a dot and nine digits of"
                    + " nanoseconds, such as 1737823352.563000000");
        }
    }

    private static String wire(Instant time) {
        return time.getEpochSecond() + "." + String.format("%09d", time.getNano()) + " " + time;
    }

    private static PodApp app(String[] fields, int line) throws SpecException {
        String path = "line " + line;
        if (fields.length != 4) {
            throw new SpecException(path, String.join(" ", fields), "an app line has its name, image ID and image name");
        }
        try {
            AcName name = AcName.parse(fields[1]);
            Optional<ImageId> id = fields[2].equals(ABSENT) ? Optional.empty() : Optional.of(ImageId.parse(fields[2]));
            Optional<AcIdentifier> image = fields[3].equals(ABSENT)
                    ? Optional.empty() : Optional.of(AcIdentifier.parse(fields[3]));
            return new PodApp(name, image, id);
        } catch (SpecException e) {
            throw e.under(path);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        created.ifPresent(time -> text.append("created ").append(wire(time)).append('\n'));
        started.ifPresent(time -> text.append("started ").append(wire(time)).append('\n'));
        for (PodApp app : apps) {
            text.append("app ").append(app.name())
                    .append(' ').append(app.imageId().map(ImageId::toString).orElse(ABSENT))
                    .append(' ').append(app.imageName().map(AcIdentifier::toString).orElse(ABSENT))
                    .append('\n');
        }
        return text.toString();
    }
}
