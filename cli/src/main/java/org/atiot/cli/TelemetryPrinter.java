package org.atiot.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.SequenceEvent;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;

/** Prints what an operator session hears: a readable table, or JSON lines for other programs. */
final class TelemetryPrinter implements OperatorListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final boolean json;
    private final AtSign onlyFrom;

    TelemetryPrinter(PrintStream out, boolean json, AtSign onlyFrom) {
        this.out = out;
        this.json = json;
        this.onlyFrom = onlyFrom;
    }

    @Override
    public void onTelemetry(AtSign device, SequenceReport report) {
        if (onlyFrom != null && !onlyFrom.equals(device)) {
            return;
        }
        synchronized (out) {
            for (SequenceEvent e : report.events()) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("device", device.toString());
                    m.put("event", e.kind().name().toLowerCase());
                    m.put("boot", e.bootNumber());
                    m.put("from", e.from());
                    m.put("to", e.to());
                    out.println(Json.write(m));
                } else {
                    out.printf("%s  %-14s %s readings %d..%d of boot %d%n", TIME.format(Instant.now()), device,
                            e.kind().name().toLowerCase(), e.from(), e.to(), e.bootNumber());
                }
            }
            for (TelemetryReading r : report.freshReadings()) {
                print(device, report.batch().bootNumber(), r);
            }
            out.flush();
        }
    }

    private void print(AtSign device, long boot, TelemetryReading r) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", device.toString());
            m.put("sensor", r.sensorId());
            m.put("boot", boot);
            m.put("seq", r.sequence());
            m.put("at", r.takenAtEpochMillis());
            m.put("status", r.isOk() ? "ok" : "fault");
            if (!r.isOk()) {
                m.put("reason", r.faultReason());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Measurement meas : r.measurements()) {
                values.put(meas.name(), meas.value());
            }
            m.put("values", values);
            out.println(Json.write(m));
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append(TIME.format(Instant.ofEpochMilli(r.takenAtEpochMillis()))).append("  ")
                .append(String.format("%-14s %-16s #%-7d", device, r.sensorId(), r.sequence()));
        if (!r.isOk()) {
            line.append("FAULT ").append(r.faultReason()).append("  ");
        }
        for (Measurement meas : r.measurements()) {
            line.append(meas.name()).append('=').append(format(meas.value())).append(' ');
        }
        out.println(line.toString().stripTrailing());
    }

    @Override
    public void onAck(AtSign device, CommandAck ack) {
        synchronized (out) {
            if (json) {
                out.println(ack.toJson());
            } else {
                out.printf("%s  %-14s command %s on %s: %s%s %s%n", TIME.format(Instant.now()), device, ack.id(),
                        ack.actuator(), ack.outcome().name().toLowerCase(),
                        ack.isOk() ? "" : " (" + ack.reason() + ": " + ack.detail() + ")", Json.write(ack.state()));
            }
            out.flush();
        }
    }

    @Override
    public void onUnreadable(AtSign from, String notificationId, String problem) {
        synchronized (out) {
            out.println("! unreadable notification " + notificationId + " from " + from + ": " + problem);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.2f", v);
    }
}
