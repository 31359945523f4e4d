package org.atiot.agent.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.atiot.agent.scheduler.internal.TaskTimer;
import org.atiot.agent.scheduler.internal.ThreadTaskTimer;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.TelemetryReading;
import org.tinylog.Logger;

/**
 * Reads every sensor at its interval on ONE small thread, numbers each reading in the boot's sequence and hands
 * it to a consumer (the {@link org.atiot.agent.telemetry.Batcher}).
 *
 * <p>Timing: each sensor runs on its own grid of {@code interval} steps, and every read is delayed by a random
 * jitter of up to {@code jitter × interval} so that sensors sharing a bus, and devices sharing a server, do not
 * fire together. A read that overruns skips the missed steps rather than bursting to catch up.
 *
 * <p>Robustness: a driver's fault sample and a driver's exception both become a fault reading and the sensor is
 * simply read again at its next step; faults are logged when a sensor starts and stops failing, not on every
 * read. A periodic tick, independent of the sensors, runs the {@code onTick} task (the batcher's age flush) and
 * feeds the {@linkplain #isHealthy(Duration) health signal} the watchdog checks: if a driver wedges the thread,
 * the ticks stop and the watchdog notices.
 */
public final class SensorScheduler implements AutoCloseable {
    /** Jitter as a fraction of the interval. */
    public static final double DEFAULT_JITTER = 0.1;
    /** Period of the tick that flushes aged batches and proves the thread alive. */
    public static final Duration DEFAULT_TICK_PERIOD = Duration.ofMillis(250);
    /** Name of the scheduler's thread, as seen in thread dumps. */
    public static final String THREAD_NAME = "atiot-sensors";

    private final BootIdentity boot;
    private final Consumer<TelemetryReading> sink;
    private final Runnable onTick;
    private final long tickNanos;
    private final Clock clock;
    private final Random random;
    private final TaskTimer timer;
    private final Map<String, SensorJob> jobs;
    private final Object lifecycle = new Object();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile long lastBeatNanos;
    private volatile TaskTimer.Scheduled tickHandle;

    private SensorScheduler(Builder b) {
        this.boot = b.boot;
        this.sink = b.sink;
        this.onTick = b.onTick;
        this.tickNanos = b.tickPeriod.toNanos();
        this.clock = b.clock;
        this.random = b.random;
        this.timer = b.timer != null ? b.timer : new ThreadTaskTimer(THREAD_NAME);
        Map<String, SensorJob> map = new LinkedHashMap<>();
        for (Map.Entry<SensorReader, Duration> e : b.sensors.entrySet()) {
            long interval = e.getValue().toNanos();
            map.put(e.getKey().id(), new SensorJob(e.getKey(), e.getValue(), (long) (interval * b.jitter)));
        }
        this.jobs = map;
    }

    public static Builder builder(BootIdentity boot, Consumer<TelemetryReading> sink) {
        return new Builder(boot, sink);
    }

    /** Starts reading; the first read of each sensor happens within its jitter window. */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException(closed ? "scheduler is closed" : "scheduler already started");
            }
            started = true;
            long now = timer.nanoTime();
            lastBeatNanos = now;
            for (SensorJob job : jobs.values()) {
                job.nominalNanos = now;
                job.scheduleIn(job.jitter());
            }
            tickHandle = timer.schedule(this::tick, tickNanos);
        }
        Logger.info("Reading {} sensor(s)", jobs.size());
    }

    /** Stops reading; waits briefly for a read in progress. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            cancel(tickHandle);
            for (SensorJob job : jobs.values()) {
                cancel(job.handle);
            }
        }
        timer.shutdown();
    }

    /** Whether the scheduler is running and its thread showed life within {@code maxSilence}. */
    public boolean isHealthy(Duration maxSilence) {
        return started && !closed && timer.nanoTime() - lastBeatNanos <= maxSilence.toNanos();
    }

    /** The health signal for the watchdog ({@code watchdog.addCheck("sensors", scheduler.healthCheck(..))}). */
    public BooleanSupplier healthCheck(Duration maxSilence) {
        Objects.requireNonNull(maxSilence, "maxSilence");
        return () -> isHealthy(maxSilence);
    }

    /** A snapshot of every sensor's status, in configuration order. */
    public List<SensorStatus> status() {
        List<SensorStatus> out = new ArrayList<>(jobs.size());
        for (SensorJob job : jobs.values()) {
            out.add(job.status);
        }
        return out;
    }

    private void tick() {
        if (closed) {
            return;
        }
        lastBeatNanos = timer.nanoTime();
        try {
            onTick.run();
        } catch (RuntimeException e) {
            Logger.error(e, "Periodic task failed; continuing");
        }
        tickHandle = scheduleOrIgnore(this::tick, tickNanos);
    }

    private TaskTimer.Scheduled scheduleOrIgnore(Runnable task, long delayNanos) {
        if (closed) {
            return null;
        }
        try {
            return timer.schedule(task, delayNanos);
        } catch (RejectedExecutionException e) {
            return null; // closed concurrently; nothing left to do
        }
    }

    private static void cancel(TaskTimer.Scheduled handle) {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** One sensor's schedule and state; touched only on the scheduler thread except the published status. */
    private final class SensorJob implements Runnable {
        private final SensorReader reader;
        private final long intervalNanos;
        private final long jitterNanos;
        private volatile SensorStatus status;
        private volatile TaskTimer.Scheduled handle;
        private long nominalNanos;
        private boolean failing;

        SensorJob(SensorReader reader, Duration interval, long jitterNanos) {
            this.reader = reader;
            this.intervalNanos = interval.toNanos();
            this.jitterNanos = jitterNanos;
            this.status = SensorStatus.initial(reader.id(), interval);
        }

        long jitter() {
            return jitterNanos <= 0 ? 0 : (long) (random.nextDouble() * jitterNanos);
        }

        void scheduleIn(long delayNanos) {
            handle = scheduleOrIgnore(this, delayNanos);
        }

        @Override
        public void run() {
            if (closed) {
                return;
            }
            TelemetryReading reading = readOnce();
            status = status.after(reading);
            logTransition(reading);
            try {
                sink.accept(reading);
            } catch (RuntimeException e) {
                Logger.error(e, "Passing on reading #{} of sensor '{}' failed", reading.sequence(), reader.id());
            }
            long now = timer.nanoTime();
            lastBeatNanos = now;
            nominalNanos += intervalNanos;
            if (nominalNanos <= now) {
                // Overran (slow bus, suspended VM): skip the missed steps instead of bursting.
                long missed = (now - nominalNanos) / intervalNanos + 1;
                nominalNanos += missed * intervalNanos;
            }
            scheduleIn(nominalNanos - now + jitter());
        }

        private TelemetryReading readOnce() {
            String id = reader.id();
            Sample sample;
            try {
                sample = reader.read();
                if (sample == null) {
                    sample = Sample.fault(clock.millis(), "driver returned no reading", List.of());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sample = Sample.fault(clock.millis(), "read interrupted", List.of());
            } catch (Exception e) {
                sample = Sample.fault(clock.millis(), "driver error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), List.of());
            }
            long seq = boot.nextSequence();
            long mono = boot.monotonicMillis();
            return sample.isOk()
                    ? TelemetryReading.ok(id, seq, sample.takenAtEpochMillis(), mono, sample.measurements())
                    : TelemetryReading.fault(id, seq, sample.takenAtEpochMillis(), mono, sample.faultReason(),
                            sample.measurements());
        }

        /** Logs only changes between working and failing, so a dead sensor does not fill the SD card. */
        private void logTransition(TelemetryReading reading) {
            if (!reading.isOk() && !failing) {
                failing = true;
                Logger.warn("Sensor '{}' is failing: {}", reader.id(), reading.faultReason());
            } else if (reading.isOk() && failing) {
                failing = false;
                Logger.info("Sensor '{}' recovered after {} failed read(s)", reader.id(),
                        status.consecutiveFaults());
            }
        }
    }

    /** Builds a {@link SensorScheduler}. */
    public static final class Builder {
        private final BootIdentity boot;
        private final Consumer<TelemetryReading> sink;
        private final Map<SensorReader, Duration> sensors = new LinkedHashMap<>();
        private final List<String> ids = new ArrayList<>();
        private double jitter = DEFAULT_JITTER;
        private Duration tickPeriod = DEFAULT_TICK_PERIOD;
        private Runnable onTick = () -> { };
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();
        private TaskTimer timer;

        private Builder(BootIdentity boot, Consumer<TelemetryReading> sink) {
            this.boot = Objects.requireNonNull(boot, "boot");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /** Reads {@code reader} every {@code interval} (at least 10 ms). Sensor ids must be unique. */
        public Builder sensor(SensorReader reader, Duration interval) {
            String id = reader.id();
            if (!TelemetryReading.isValidSensorId(id)) {
                throw new IllegalArgumentException("sensor id '" + id + "' must be 1 to 64 characters of letters,"
                        + " digits, '_', '.' or '-'");
            }
            if (ids.contains(id)) {
                throw new IllegalArgumentException("sensor id '" + id + "' is used twice");
            }
            if (interval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("interval of sensor '" + id + "' must be at least 10ms, got "
                        + interval.toMillis() + "ms");
            }
            ids.add(id);
            sensors.put(reader, interval);
            return this;
        }

        /** Random delay added to each read, as a fraction of the interval: 0 (none) to 0.5. */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 0.5)) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.5 of the interval, got "
                        + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /** How often {@code onTick} runs and the health signal is refreshed. */
        public Builder tickPeriod(Duration period) {
            if (period.compareTo(Duration.ofMillis(10)) < 0 || period.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("tick period must be 10ms..1m, got " + period);
            }
            this.tickPeriod = period;
            return this;
        }

        /** A short task run on every tick on the scheduler's thread, e.g. {@code batcher::flushDue}. */
        public Builder onTick(Runnable task) {
            this.onTick = Objects.requireNonNull(task, "task");
            return this;
        }

        /** The wall clock for readings whose driver failed before stamping a time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of jitter; seed it in tests. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Replaces the thread and clock, for tests that drive time themselves. */
        Builder timer(TaskTimer timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        public SensorScheduler build() {
            return new SensorScheduler(this);
        }
    }
}
