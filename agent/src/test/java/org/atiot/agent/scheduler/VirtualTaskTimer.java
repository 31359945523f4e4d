package org.atiot.agent.scheduler;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import org.atiot.agent.scheduler.internal.TaskTimer;

/** A {@link TaskTimer} on virtual time: tasks run on the test's thread when the test advances the clock. */
final class VirtualTaskTimer implements TaskTimer {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long order;
    private boolean shutdown;

    private final class Task implements Comparable<Task>, Scheduled {
        private final long due;
        private final long seq = order++;
        private final Runnable body;
        private boolean cancelled;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("timer is shut down");
        }
        Task t = new Task(now + Math.max(0, delayNanos), task);
        queue.add(t);
        return t;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Lets time pass while something (a slow driver) holds the thread. */
    void elapse(Duration d) {
        now += d.toNanos();
    }

    /** Runs every task due within {@code d}, in time order, then moves the clock to the end. */
    void advance(Duration d) {
        long end = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= end) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            now = Math.max(now, t.due);
            t.body.run();
        }
        now = Math.max(now, end);
    }

    int pending() {
        int n = 0;
        for (Task t : queue) {
            n += t.cancelled ? 0 : 1;
        }
        return n;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        queue.clear();
    }
}
