package org.atiot.agent.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.atiot.core.AtSign;

/**
 * An {@code [[actuator]]} of type {@code mqtt}: a command publishes the value (QoS 1) to {@code command_topic};
 * the acknowledgement waits for {@code state_topic} to report the value when one is set, otherwise for the
 * broker's PUBACK.
 */
public final class MqttActuatorConfig {
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);

    private final String id;
    private final Set<AtSign> allow;
    private final String commandTopic;
    private final String stateTopic;
    private final Duration ackTimeout;
    private final double min;
    private final double max;

    /** @param stateTopic may be {@code null} */
    public MqttActuatorConfig(String id, Set<AtSign> allow, String commandTopic, String stateTopic,
                              Duration ackTimeout, double min, double max) {
        this.id = Objects.requireNonNull(id, "id");
        this.allow = Set.copyOf(allow);
        this.commandTopic = Objects.requireNonNull(commandTopic, "commandTopic");
        this.stateTopic = stateTopic;
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        this.min = min;
        this.max = max;
    }

    public String id() {
        return id;
    }

    public Set<AtSign> allow() {
        return allow;
    }

    public String commandTopic() {
        return commandTopic;
    }

    public String stateTopic() {
        return stateTopic;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    @Override
    public String toString() {
        return "mqtt actuator " + id + " (" + commandTopic + ", allow " + allow + ")";
    }
}
