package org.atiot.agent.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tinylog.Logger;

/**
 * Sends {@code WATCHDOG=1} to systemd only while every registered health check passes, so that a hung agent
 * (a sensor loop that stopped ticking, a wedged sender) misses its pings and systemd restarts it.
 *
 * <p>One daemon thread, started by {@link #start()} only when systemd asked for a watchdog; otherwise the class
 * costs nothing. Checks run on that thread and must be cheap and non-blocking (compare a timestamp, read a flag).
 */
public final class Watchdog implements AutoCloseable {

    /** How long {@link #stop()} waits for a ping in flight. */
    public static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final SdNotify notify;
    private final Duration interval;
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Thread worker;
    private volatile boolean healthy = true;

    private Watchdog(SdNotify notify, Duration interval) {
        this.notify = notify;
        this.interval = interval;
    }

    /** A watchdog pinging at the interval systemd asked for, or an inactive one if it asked for none. */
    public static Watchdog create(SdNotify notify) {
        return new Watchdog(notify, notify.watchdogInterval().orElse(null));
    }

    /**
     * A watchdog pinging at the given interval, for tests and for services that want to ping more often.
     *
     * @param interval time between health rounds; must be positive and below systemd's {@code WatchdogSec=}
     */
    public static Watchdog create(SdNotify notify, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("watchdog interval must be positive, got " + interval);
        }
        return new Watchdog(notify, interval);
    }

    /**
     * Registers a health check; a check that returns {@code false} or throws holds back the next ping.
     *
     * @param name short name shown in the log when the check fails, e.g. {@code "sensor loop"}
     * @param healthy cheap, thread-safe test
     * @return this watchdog
     */
    public Watchdog addCheck(String name, BooleanSupplier healthy) {
        if (checks.putIfAbsent(name, healthy) != null) {
            throw new IllegalArgumentException("a watchdog check named '" + name + "' is already registered");
        }
        return this;
    }

    /** Whether {@link #start()} will run a thread: systemd wants pings and notifications are enabled. */
    public boolean isActive() {
        return interval != null && notify.isEnabled();
    }

    /** Starts pinging; does nothing when inactive or already started. */
    public synchronized void start() {
        if (!isActive() || scheduler != null) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "atiot-watchdog");
            thread.setDaemon(true);
            worker = thread;
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        long nanos = interval.toNanos();
        executor.scheduleWithFixedDelay(this::pingIfHealthy, 0, nanos, TimeUnit.NANOSECONDS);
        scheduler = executor;
    }

    /** Stops pinging and ends the thread; the watchdog can be started again. */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        // Let a ping in flight finish (milliseconds) rather than interrupt it, then wait for the thread to end.
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
            // The pool counts as terminated a moment before its thread has ended; callers expect it gone.
            Thread thread = worker;
            if (thread != null) {
                thread.join(STOP_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        worker = null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * One round: runs every check and pings systemd if all pass.
     *
     * @return whether a ping was sent successfully
     */
    public boolean pingIfHealthy() {
        List<String> failing = failingChecks();
        if (!failing.isEmpty()) {
            if (healthy) {
                healthy = false;
                Logger.warn("withholding the systemd watchdog ping, unhealthy: {}", String.join(", ", failing));
            }
            return false;
        }
        if (!healthy) {
            healthy = true;
            Logger.info("healthy again, resuming systemd watchdog pings");
        }
        return notify.watchdog();
    }

    /** Names of the checks that fail right now, in no particular order. */
    public List<String> failingChecks() {
        List<String> failing = new ArrayList<>(0);
        for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
            boolean ok;
            try {
                ok = check.getValue().getAsBoolean();
            } catch (RuntimeException e) {
                Logger.debug("watchdog check '{}' threw: {}", check.getKey(), e.toString());
                ok = false;
            }
            if (!ok) {
                failing.add(check.getKey());
            }
        }
        return failing;
    }
}
