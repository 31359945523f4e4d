package org.atiot.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.atiot.agent.commands.CommandProcessor;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.RecipientConfig;
import org.atiot.agent.control.AuditLog;
import org.atiot.agent.control.ReplayWindow;
import org.atiot.agent.link.DeviceLink;
import org.atiot.agent.link.LinkStatus;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.outbox.RecipientKeys;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.queue.QueueStats;
import org.atiot.agent.scheduler.SensorReader;
import org.atiot.agent.scheduler.SensorScheduler;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Batcher;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.Subscription;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.TlsTrust;
import java.util.concurrent.atomic.AtomicReference;
import org.atiot.core.sharing.IncomingKeys;
import org.tinylog.Logger;

/**
 * {@code atiot run}: sensors → batches → encrypted → durable queue → one atServer connection, and commands back
 * over the same connection. Owns every part and stops them in the order that loses nothing: sensors first, then
 * the last batches into the queue, then the link, then the hardware (to its safe state).
 */
public final class Agent implements AutoCloseable {
    private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

    private final AgentConfig config;
    private final Device device;
    private final Clock clock;
    private final BootIdentity boot;
    private final DurableQueue queue;
    private final ReplayWindow replay;
    private final AuditLog audit;
    private final Batcher batcher;
    private final SensorScheduler scheduler;
    private final DeviceLink link;
    private final ReadingSource source;
    private final PushedReadings pushed = new PushedReadings();
    private final long startedAt;
    private volatile long lastStatusAt;
    private volatile long offlineSince;
    private volatile boolean safeStateApplied;

    private Agent(Builder b) throws IOException {
        this.config = b.config;
        this.device = b.device;
        this.clock = b.clock;
        this.startedAt = clock.millis();
        Files.createDirectories(config.stateDir());
        AtKeys keys = AtKeysFile.read(config.keysFile(), config.deviceAtSign());
        this.boot = BootIdentity.start(config.stateDir());
        this.queue = DurableQueue.open(config.queueOptions());
        this.replay = ReplayWindow.open(config.stateDir().resolve("replay-window"));
        this.audit = AuditLog.open(config.stateDir().resolve("audit"));
        RecipientKeys recipientKeys = new RecipientKeys(config.stateDir().resolve("shared-keys"), keys.encryption());
        Outbox outbox = new Outbox(queue, recipientKeys, clock);
        List<Subscription> subscriptions = new ArrayList<>();
        for (RecipientConfig r : config.recipients()) {
            subscriptions.add(r.receivesAllSensors() ? Subscription.allSensors(r.atSign())
                    : Subscription.sensors(r.atSign(), r.sensors()));
        }
        this.batcher = Batcher.builder(config.deviceAtSign(), boot, outbox)
                .policy(BatchPolicy.builder().maxReadings(config.batchMaxReadings()).maxAge(config.batchMaxAge())
                        .build())
                .subscriptions(subscriptions).clock(clock).unsent(() -> queue.stats().depth()).build();
        SensorScheduler.Builder sb = SensorScheduler.builder(boot, batcher::add).onTick(this::tick).clock(clock);
        for (var e : device.sensors().entrySet()) {
            sb.sensor(e.getKey(), e.getValue());
        }
        this.scheduler = sb.build();
        CommandProcessor.Builder pb = CommandProcessor.builder(replay::firstSeen, audit).clock(clock);
        for (Device.Actuator a : device.actuators()) {
            pb.actuator(a, a.allowed());
        }
        AtomicReference<DeviceLink> linkRef = new AtomicReference<>();
        CommandIntake intake = new CommandIntake(new IncomingKeys(keys.encryption().privateKey(),
                sender -> linkRef.get().sharedKeyCopyFrom(sender)), pb.build(), outbox, clock);
        AtClientOptions clientOptions = AtClientOptions.builder(TlsTrust.systemPlus(config.caFile()))
                .directory(config.directory()).responseTimeout(config.responseTimeout()).build();
        this.link = DeviceLink.start(DeviceLink.options(keys, clientOptions, queue, recipientKeys)
                .heartbeat(config.heartbeat()).ttln(config.ttln())
                .monitorEpochFile(config.stateDir().resolve("last-command-time"))
                .onCommand(intake::handle).onFirstConnect(b.onFirstConnect).clock(clock).build());
        linkRef.set(link);
        device.applySafeState();
        scheduler.start();
        this.source = b.source;
        if (source != null) {
            source.start(pushed);
        }
        Logger.info("agent {} started: {} sensor(s), {} actuator(s), {} recipient(s), boot {}",
                config.deviceAtSign(), device.sensors().size(), device.actuators().size(),
                config.recipients().size(), boot.bootNumber());
    }

    public static Builder builder(AgentConfig config, Device device) {
        return new Builder(config, device);
    }

    /** Runs on the scheduler's tick: batch age flush, offline safe state, status file. */
    private void tick() {
        pushed.drainTo(boot, batcher::add);
        batcher.flushDue();
        long now = clock.millis();
        if (link.isConnected()) {
            offlineSince = 0;
            safeStateApplied = false;
        } else {
            if (offlineSince == 0) {
                offlineSince = now;
            }
            if (!safeStateApplied && now - offlineSince >= config.offlineSafeStateAfter().toMillis()) {
                Logger.warn("offline for {} s: actuators go to their safe state", (now - offlineSince) / 1000);
                device.applySafeState();
                safeStateApplied = true;
            }
        }
        if (now - lastStatusAt >= STATUS_EVERY.toMillis()) {
            lastStatusAt = now;
            StatusFile.write(config.stateDir(), config.deviceAtSign().toString(), startedAt, now, link.status(),
                    queue.stats(), scheduler.status());
        }
    }

    public LinkStatus linkStatus() {
        return link.status();
    }

    public QueueStats queueStats() {
        return queue.stats();
    }

    /** For the service watchdog: the sensor loop ticks and the link is not stuck. */
    public boolean isHealthy() {
        return scheduler.isHealthy(Duration.ofSeconds(10)) && link.isHealthy();
    }

    @Override
    public void close() {
        if (source != null) {
            closeQuietly(source, "reading source");
        }
        scheduler.close();
        pushed.drainTo(boot, batcher::add); // the scheduler's thread is gone: this thread is the only writer now
        batcher.flushAll();
        try {
            queue.flush();
        } catch (IOException e) {
            Logger.error("queue flush at stop failed: {}", e.getMessage());
        }
        link.close();
        try {
            device.close();
        } catch (Exception e) {
            Logger.error("closing the hardware: {}", e.getMessage());
        }
        closeQuietly(queue, "queue");
        closeQuietly(replay, "replay window");
        closeQuietly(audit, "audit log");
        Logger.info("agent stopped");
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        try {
            c.close();
        } catch (Exception e) {
            Logger.error("closing the {}: {}", what, e.getMessage());
        }
    }

    /** Builds and starts an {@link Agent}. */
    public static final class Builder {
        private final AgentConfig config;
        private final Device device;
        private Clock clock = Clock.systemUTC();
        private Runnable onFirstConnect = () -> { };
        private ReadingSource source;

        private Builder(AgentConfig config, Device device) {
            this.config = config;
            this.device = device;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder onFirstConnect(Runnable r) {
            this.onFirstConnect = r;
            return this;
        }

        /** Readings pushed from outside the HAL (e.g. an MQTT broker); closed with the agent. */
        public Builder source(ReadingSource source) {
            this.source = source;
            return this;
        }

        public Agent start() throws IOException {
            return new Agent(this);
        }
    }
}
