package org.atiot.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.atiot.agent.link.LinkStatus;
import org.atiot.agent.queue.QueueStats;
import org.atiot.agent.runtime.Agent;
import org.atiot.agent.systemd.SdNotify;
import org.atiot.agent.systemd.Watchdog;

/**
 * The agent's conversation with systemd: READY once the first authentication succeeded (or, after a grace
 * period, in offline mode so that boot is not held up by a missing network), WATCHDOG only while the agent's loops
 * are healthy, STATUS with connection and queue state, STOPPING at the end. Silent when not run as a service.
 */
final class ServiceManager implements AutoCloseable {
    static final Duration OFFLINE_READY_AFTER = Duration.ofSeconds(30);

    private final SdNotify notify = SdNotify.fromEnvironment();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Watchdog watchdog;
    private final Thread offlineTimer;

    ServiceManager(Supplier<Agent> agent) {
        this.watchdog = Watchdog.create(notify).addCheck("agent", () -> {
            Agent a = agent.get();
            boolean healthy = a != null && a.isHealthy();
            if (a != null) {
                notify.status(statusLine(a.linkStatus(), a.queueStats()));
            }
            return healthy;
        });
        this.offlineTimer = new Thread(() -> {
            try {
                Thread.sleep(OFFLINE_READY_AFTER.toMillis());
                ready("offline: no atServer connection yet, readings are queued");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "atiot-ready-timer");
        this.offlineTimer.setDaemon(true);
    }

    void start() {
        if (notify.isEnabled()) {
            offlineTimer.start();
            watchdog.start();
        }
    }

    /** Called when the agent first authenticated with its atServer. */
    void connected() {
        ready("connected");
    }

    private void ready(String status) {
        if (ready.compareAndSet(false, true)) {
            notify.ready(status);
        }
    }

    static String statusLine(LinkStatus link, QueueStats queue) {
        return (link.connected ? "connected" : "offline") + ", " + link.sent + " sent, queue " + queue.depth()
                + " entries / " + queue.bytes() + " bytes, " + queue.dropped() + " dropped";
    }

    @Override
    public void close() {
        offlineTimer.interrupt();
        watchdog.close();
        notify.stopping();
    }
}
