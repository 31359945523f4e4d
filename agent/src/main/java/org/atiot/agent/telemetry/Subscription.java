package org.atiot.agent.telemetry;

import java.util.Objects;
import java.util.Set;
import org.atiot.core.AtSign;

/** A telemetry recipient and the sensors it receives: all of them, or a named subset. */
public final class Subscription {
    private final AtSign recipient;
    private final Set<String> sensorIds;

    private Subscription(AtSign recipient, Set<String> sensorIds) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.sensorIds = sensorIds;
    }

    /** {@code recipient} receives every sensor's readings. */
    public static Subscription allSensors(AtSign recipient) {
        return new Subscription(recipient, null);
    }

    /** {@code recipient} receives only the named sensors' readings. */
    public static Subscription sensors(AtSign recipient, Set<String> sensorIds) {
        if (sensorIds.isEmpty()) {
            throw new IllegalArgumentException("recipient " + recipient + " subscribes to no sensors;"
                    + " leave the sensor list out to receive all of them");
        }
        return new Subscription(recipient, Set.copyOf(sensorIds));
    }

    public AtSign recipient() {
        return recipient;
    }

    /** Whether readings of {@code sensorId} go to this recipient. */
    public boolean includes(String sensorId) {
        return sensorIds == null || sensorIds.contains(sensorId);
    }

    @Override
    public String toString() {
        return recipient + (sensorIds == null ? " (all sensors)" : " " + sensorIds);
    }
}
