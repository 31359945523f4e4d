package org.atiot.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running verb until Ctrl-C / SIGTERM, then lets it stop its parts in order. */
final class ShutdownSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(); // keep the JVM alive until the verb has closed everything
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "atiot-shutdown"));
    }

    void await() throws InterruptedException {
        stop.await();
    }

    /** Waits for a signal or until {@code limit} has passed, whichever comes first. */
    void awaitAtMost(java.time.Duration limit) throws InterruptedException {
        stop.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** For verbs that end by themselves (demo timeout, send). */
    void trigger() {
        stop.countDown();
    }

    boolean isTriggered() {
        return stop.getCount() == 0;
    }

    void done() {
        stopped.countDown();
    }
}
