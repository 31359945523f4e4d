package org.atiot.agent.systemd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atiot.agent.systemd.internal.NotifyTransport;
import org.atiot.agent.systemd.internal.SystemdNotifyCommand;
import org.tinylog.Logger;

/**
 * Tells systemd how the agent is doing (the {@code sd_notify} protocol): {@code READY=1} once the agent works,
 * {@code WATCHDOG=1} while it is healthy, {@code STATUS=} for {@code systemctl status}, {@code STOPPING=1} on the
 * way out.
 *
 * <p>When {@code NOTIFY_SOCKET} is not set (not started by systemd, or started without {@code Type=notify}) every
 * method returns at once and does nothing. The convenience methods never throw: a lost notification must not stop
 * the agent; the first failure is logged as a warning, later ones at debug level. {@link #send(Map)} reports
 * failures to callers that care.
 */
public final class SdNotify {

    /** Longest status text sent; {@code systemctl status} shows one line anyway. */
    public static final int MAX_STATUS_LENGTH = 200;

    private static final SdNotify DISABLED = new SdNotify(null, "", Optional.empty());

    private final NotifyTransport transport;
    private final String socket;
    private final Optional<Duration> watchdogTimeout;
    private final AtomicBoolean failureReported = new AtomicBoolean();

    private SdNotify(NotifyTransport transport, String socket, Optional<Duration> watchdogTimeout) {
        this.transport = transport;
        this.socket = socket;
        this.watchdogTimeout = watchdogTimeout;
    }

    /** Reads {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} from this process's environment. */
    public static SdNotify fromEnvironment() {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * As {@link #fromEnvironment()}, from the given variables.
     *
     * @param env environment variables
     * @param ownPid this process's id, compared with {@code WATCHDOG_PID}
     */
    public static SdNotify fromEnvironment(Map<String, String> env, long ownPid) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return DISABLED;
        }
        if (!socket.startsWith("/") && !socket.startsWith("@")) {
            Logger.warn("NOTIFY_SOCKET '{}' is neither a path nor an abstract socket name; not notifying systemd",
                    socket);
            return DISABLED;
        }
        Optional<Path> executable = SystemdNotifyCommand.locate(env.get("PATH"));
        if (executable.isEmpty()) {
            Logger.warn("NOTIFY_SOCKET is set but systemd-notify was not found; install systemd or start the agent"
                    + " with Type=simple");
            return DISABLED;
        }
        NotifyTransport transport =
                new SystemdNotifyCommand(executable.get(), socket, SystemdNotifyCommand.DEFAULT_TIMEOUT_MILLIS);
        return new SdNotify(transport, socket, watchdogTimeout(env, ownPid));
    }

    private static Optional<Duration> watchdogTimeout(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        try {
            // WATCHDOG_PID names the process the watchdog is meant for; a child that inherited it must stay quiet.
            if (pid != null && !pid.isEmpty() && Long.parseLong(pid.trim()) != ownPid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            Logger.warn("ignoring malformed WATCHDOG_USEC '{}' / WATCHDOG_PID '{}'", usec, pid);
            return Optional.empty();
        }
    }

    /** Whether notifications go anywhere. */
    public boolean isEnabled() {
        return transport != null;
    }

    /** The notify socket in use ({@code /run/...} or {@code @abstract}), empty when disabled. */
    public String socket() {
        return socket;
    }

    /** The watchdog timeout systemd enforces ({@code WatchdogSec=}), if the watchdog is on for this process. */
    public Optional<Duration> watchdogTimeout() {
        return watchdogTimeout;
    }

    /** How often to send {@code WATCHDOG=1}: half the timeout, as systemd recommends, if the watchdog is on. */
    public Optional<Duration> watchdogInterval() {
        return watchdogTimeout.map(timeout -> timeout.dividedBy(2));
    }

    /** Startup finished: the first authentication succeeded or the agent runs offline. */
    public boolean ready(String status) {
        return sendQuietly(List.of("READY=1", "STATUS=" + sanitize(status)));
    }

    /** The agent is alive and its loops are healthy. */
    public boolean watchdog() {
        return sendQuietly(List.of("WATCHDOG=1"));
    }

    /** One line shown by {@code systemctl status}; control characters become spaces, long text is cut. */
    public boolean status(String status) {
        return sendQuietly(List.of("STATUS=" + sanitize(status)));
    }

    /** The agent is shutting down on purpose. */
    public boolean stopping() {
        return sendQuietly(List.of("STOPPING=1"));
    }

    /**
     * Sends arbitrary assignments in one datagram.
     *
     * @param assignments variable names ({@code [A-Z0-9_]+}) to values without newlines, in iteration order
     * @throws IllegalArgumentException if a name or value could not be encoded
     * @throws SdNotifyException if enabled and the message was not delivered
     */
    public void send(Map<String, String> assignments) throws SdNotifyException {
        List<String> lines = new ArrayList<>(assignments.size());
        for (Map.Entry<String, String> e : assignments.entrySet()) {
            if (!e.getKey().matches("[A-Z0-9_]+")) {
                throw new IllegalArgumentException("notify variable names are upper case, got '" + e.getKey() + "'");
            }
            if (e.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("notify value of " + e.getKey() + " contains a newline");
            }
            lines.add(e.getKey() + "=" + e.getValue());
        }
        if (transport != null && !lines.isEmpty()) {
            transport.send(lines);
        }
    }

    private boolean sendQuietly(List<String> lines) {
        if (transport == null) {
            return false;
        }
        try {
            transport.send(lines);
            return true;
        } catch (SdNotifyException e) {
            if (failureReported.compareAndSet(false, true)) {
                Logger.warn("cannot notify systemd (further failures are logged at debug level): {}", e.getMessage());
            } else {
                Logger.debug("cannot notify systemd: {}", e.getMessage());
            }
            return false;
        }
    }

    static String sanitize(String status) {
        String text = status == null ? "" : status;
        if (text.length() > MAX_STATUS_LENGTH) {
            text = text.substring(0, MAX_STATUS_LENGTH - 1) + "\u2026";
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) ? ' ' : c);
        }
        return clean.toString();
    }
}
