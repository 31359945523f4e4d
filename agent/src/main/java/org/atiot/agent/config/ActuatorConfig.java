package org.atiot.agent.config;

import java.util.Objects;
import java.util.Set;
import org.atiot.agent.config.internal.Ids;
import org.atiot.core.AtSign;

/** One {@code [[actuator]]}: driver type, id, the atSigns allowed to command it, and the driver's settings. */
public final class ActuatorConfig {
    private final String type;
    private final String id;
    private final Set<AtSign> allow;
    private final DriverSettings settings;

    /** @throws IllegalArgumentException naming the bad field; {@code allow} must not be empty */
    public ActuatorConfig(String type, String id, Set<AtSign> allow, DriverSettings settings) {
        this.type = Ids.checkType(type);
        this.id = Ids.checkId(id);
        this.settings = Objects.requireNonNull(settings, "settings");
        if (allow.isEmpty()) {
            throw new IllegalArgumentException("allow must list at least one atSign; "
                    + "an actuator nobody may command should be left out of the config");
        }
        this.allow = Set.copyOf(allow);
    }

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** atSigns whose commands this actuator accepts. */
    public Set<AtSign> allow() {
        return allow;
    }

    public boolean allows(AtSign sender) {
        return allow.contains(sender);
    }

    public DriverSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "actuator " + id + " (" + type + ", allow " + allow + ")";
    }
}
