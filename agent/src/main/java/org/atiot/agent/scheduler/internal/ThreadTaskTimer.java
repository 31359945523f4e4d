package org.atiot.agent.scheduler.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/** A {@link TaskTimer} on one daemon thread: the whole cost of reading every sensor. */
public final class ThreadTaskTimer implements TaskTimer {
    /** How long {@link #shutdown()} waits for a sensor read in progress. */
    public static final long SHUTDOWN_WAIT_MILLIS = 2000;

    private final ScheduledThreadPoolExecutor executor;

    public ThreadTaskTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        // Cancelled tasks would otherwise stay queued until their time comes.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                Logger.warn("A sensor read still running after {} ms; interrupting it", SHUTDOWN_WAIT_MILLIS);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
