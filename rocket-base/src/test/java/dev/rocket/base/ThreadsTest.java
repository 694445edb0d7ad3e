package dev.rocket.base;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsTest {

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKeptForTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            finished.set(true);
        });
        Thread.currentThread().interrupt();
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // released below either way
            }
            release.countDown();
        });

        Threads.joinUninterruptibly(worker);

        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertTrue(finished.get());
        assertFalse(worker.isAlive());
        releaser.join();
    }
}
