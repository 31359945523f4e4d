package org.atiot.agent.systemd.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.systemd.SdNotifyException;

/**
 * Sends notifications by running {@code systemd-notify VAR=value ...}, which writes one datagram to
 * {@code $NOTIFY_SOCKET}.
 *
 * <p>Why a helper process: Java 17 cannot open datagram Unix sockets, and the only in-JDK way to call libc
 * ({@code jdk.incubator.foreign}) is an incubator API that changed incompatibly in every later release and is
 * missing on 32-bit ARM JDKs, which many Raspberry Pis run. Native code would break {@code Architecture: all}.
 * {@code systemd-notify} is present wherever systemd is, costs one short-lived process per message (the watchdog
 * sends one every few tens of seconds), and since systemd 246 it waits (a {@code BARRIER=1} round trip) until the
 * manager has processed the message, so the message is attributed to our service although the helper exits
 * right after. The helper is a child of the JVM, so the unit must say {@code NotifyAccess=all}.
 */
public final class SystemdNotifyCommand implements NotifyTransport {

    /** How long one notification may take; systemd-notify's own barrier timeout is five seconds. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 7_000;

    private static final List<Path> WELL_KNOWN_LOCATIONS =
            List.of(Path.of("/usr/bin/systemd-notify"), Path.of("/bin/systemd-notify"));
    private static final int MAX_DIAGNOSTIC_BYTES = 512;

    private final Path executable;
    private final String notifySocket;
    private final long timeoutMillis;

    public SystemdNotifyCommand(Path executable, String notifySocket, long timeoutMillis) {
        this.executable = executable;
        this.notifySocket = notifySocket;
        this.timeoutMillis = timeoutMillis;
    }

    /** Finds {@code systemd-notify} in the usual places or on {@code PATH}. */
    public static Optional<Path> locate(String pathVariable) {
        for (Path candidate : WELL_KNOWN_LOCATIONS) {
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        if (pathVariable != null) {
            for (String dir : pathVariable.split(":")) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, "systemd-notify");
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void send(List<String> assignments) throws SdNotifyException {
        List<String> command = new ArrayList<>(assignments.size() + 1);
        command.add(executable.toString());
        command.addAll(assignments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("NOTIFY_SOCKET", notifySocket);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SdNotifyException("cannot run " + executable + " to notify systemd: " + e.getMessage(), e);
        }
        try (InputStream output = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SdNotifyException(executable + " did not finish within " + timeoutMillis
                        + " ms; is the service manager listening on " + notifySocket + "?");
            }
            if (process.exitValue() != 0) {
                String said = new String(output.readNBytes(MAX_DIAGNOSTIC_BYTES), StandardCharsets.UTF_8).strip();
                throw new SdNotifyException(executable + " failed with exit code " + process.exitValue()
                        + " sending to " + notifySocket + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (IOException e) {
            throw new SdNotifyException("cannot read the output of " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SdNotifyException("interrupted while notifying systemd", e);
        }
    }
}
