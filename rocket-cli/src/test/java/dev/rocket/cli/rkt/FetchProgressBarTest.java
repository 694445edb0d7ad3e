package dev.rocket.cli.rkt;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FetchProgressBarTest {

    @Test
    void drawsABarWhenTheSizeIsKnownAndBytesOtherwise() {
        assertEquals("Downloading aci: [===============>              ] 50B/100B",
                FetchProgressBar.line("aci", 50, OptionalLong.of(100)));
        assertEquals("Downloading aci: [==============================] 2MiB/2MiB",
                FetchProgressBar.line("aci", 2 << 20, OptionalLong.of(2 << 20)));
        assertEquals("Downloading aci: 1.5KiB", FetchProgressBar.line("aci", 1536, OptionalLong.empty()));
    }

    @Test
    void redrawsAtMostTenTimesASecondAndEndsItsLine() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        FetchProgressBar bar = new FetchProgressBar(new PrintWriter(text), "aci", now::get);
        bar.transferred(10, OptionalLong.of(100));
        now.addAndGet(50_000_000L);
        bar.transferred(20, OptionalLong.of(100)); // too soon: skipped
        now.addAndGet(60_000_000L);
        bar.transferred(30, OptionalLong.of(100));
        bar.transferred(100, OptionalLong.of(100)); // the end is always drawn
        String[] draws = text.toString().split("\r", -1);
        assertEquals(4, draws.length, text.toString());
        assertEquals(true, draws[3].endsWith("100B/100B" + System.lineSeparator()));
        bar.endLine(); // already ended: nothing more
        assertEquals(4, text.toString().split("\r", -1).length);
    }

    @Test
    void anUnfinishedLineIsEndedBeforeOtherMessages() {
        StringWriter text = new StringWriter();
        FetchProgressBar bar = new FetchProgressBar(new PrintWriter(text), "aci", () -> 0L);
        bar.transferred(10, OptionalLong.empty());
        bar.endLine();
        assertEquals("\rDownloading aci: 10B" + System.lineSeparator(), text.toString());
    }
}
