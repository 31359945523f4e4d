package org.atiot.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atiot.agent.link.LinkStatus;
import org.atiot.agent.queue.QueueStats;
import org.atiot.agent.scheduler.SensorStatus;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.json.Json;
import org.tinylog.Logger;

/**
 * The agent's state for {@code atiot status}, written to {@code <state>/status.json} every few seconds by
 * replacing the file: no network port is opened for it.
 */
public final class StatusFile {
    public static final String NAME = "status.json";

    private StatusFile() {
    }

    static void write(Path stateDir, String device, long startedAt, long now, LinkStatus link, QueueStats queue,
                      List<SensorStatus> sensors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("pid", ProcessHandle.current().pid());
        m.put("startedAt", startedAt);
        m.put("updatedAt", now);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("connected", link.connected);
        l.put("sent", link.sent);
        l.put("dropped", link.dropped);
        l.put("reconnects", link.reconnects);
        l.put("lastAckAt", link.lastAckEpochMillis);
        l.put("lastError", link.lastError);
        m.put("link", l);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("depth", queue.depth());
        q.put("bytes", queue.bytes());
        q.put("dropped", queue.dropped());
        q.put("appended", queue.appended());
        q.put("bytesWrittenToDisk", queue.bytesWrittenToDisk());
        m.put("queue", q);
        List<Object> s = new ArrayList<>();
        for (SensorStatus st : sensors) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", st.sensorId());
            one.put("reads", st.reads());
            one.put("faults", st.faults());
            TelemetryReading last = st.lastReading();
            if (last != null) {
                one.put("lastAt", last.takenAtEpochMillis());
                one.put("ok", last.isOk());
                Map<String, Object> values = new LinkedHashMap<>();
                for (Measurement meas : last.measurements()) {
                    values.put(meas.name(), meas.value());
                }
                one.put("values", values);
            }
            one.put("lastFault", st.lastFaultReason());
            s.add(one);
        }
        m.put("sensors", s);
        try {
            Path tmp = stateDir.resolve("." + NAME + ".tmp");
            Files.writeString(tmp, Json.write(m) + "\n");
            Files.move(tmp, stateDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Logger.debug("status file not written: {}", e.getMessage());
        }
    }
}
