package org.atiot.agent.config.internal;

import java.util.regex.Pattern;

/** The shape of sensor and actuator ids and driver type names. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private Ids() {
    }

    /** Ids travel in telemetry and on the command line, so they are short and plain. */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id \"" + id + "\" must be 1 to 32 lower-case letters, digits, "
                    + "'_' or '-', starting with a letter or digit");
        }
        return id;
    }

    public static String checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("type \"" + type + "\" is not a driver name like \"bme280\"");
        }
        return type;
    }
}
