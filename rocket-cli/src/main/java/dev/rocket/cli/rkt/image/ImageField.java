package dev.rocket.cli.rkt.image;

import dev.rocket.cli.output.Humanize;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.index.ImageRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/** A column of {@code rkt image list}; the constant names are the flag values rkt accepts. */
enum ImageField {
    id("ID"), name("NAME"), importtime("IMPORT TIME"), lastused("LAST USED"), size("SIZE"), latest("LATEST");

    /** How many hex digits of the image ID the short listing shows, as rkt did. */
    private static final int SHORT_ID_HEX = 12;

    private final String legend;

    ImageField(String legend) {
        this.legend = legend;
    }

    String legend() {
        return legend;
    }

    /** {@code size} is the image's bytes in the store: its tar plus its rendered trees. */
    String cell(ImageRecord record, boolean isLatest, long size, boolean full, Instant now) {
        return switch (this) {
            case id -> full ? record.id().value() : "sha512-" + record.id().hex().substring(0, SHORT_ID_HEX);
            case name -> record.displayName();
            case importtime -> full ? Humanize.fullTime(record.importTime()) : Humanize.ago(record.importTime(), now);
            case lastused -> full ? Humanize.fullTime(record.lastUsed()) : Humanize.ago(record.lastUsed(), now);
            case size -> full ? Long.toString(size) : Humanize.bytes(size);
            case latest -> Boolean.toString(isLatest);
        };
    }

    Comparator<ImageRecord> comparator(Map<ImageRecord, Boolean> latestByRecord, Map<ImageId, Long> sizes) {
        return switch (this) {
            case id -> Comparator.comparing(ImageRecord::id);
            case name -> Comparator.comparing(ImageRecord::displayName);
            case importtime -> Comparator.comparing(ImageRecord::importTime);
            case lastused -> Comparator.comparing(ImageRecord::lastUsed);
            case size -> Comparator.comparingLong(record -> sizes.get(record.id()));
            case latest -> Comparator.comparing(latestByRecord::get);
        };
    }
}
