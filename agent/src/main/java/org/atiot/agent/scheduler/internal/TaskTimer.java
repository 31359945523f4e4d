package org.atiot.agent.scheduler.internal;

/**
 * Runs delayed one-shot tasks on one thread and tells the monotonic time; the scheduler's only source of time
 * and threads, so tests can drive it with virtual time instead of sleeping.
 */
public interface TaskTimer {
    /** A scheduled task that can be cancelled. */
    interface Scheduled {
        void cancel();
    }

    /** Runs {@code task} once after {@code delayNanos}; tasks of one timer never run concurrently. */
    Scheduled schedule(Runnable task, long delayNanos);

    /** The monotonic clock, in nanoseconds like {@link System#nanoTime()}. */
    long nanoTime();

    /** Stops running tasks; waits briefly for a running one to finish. */
    void shutdown();
}
