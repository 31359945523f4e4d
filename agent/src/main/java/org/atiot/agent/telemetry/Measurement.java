package org.atiot.agent.telemetry;

import java.util.Objects;

/**
 * One named quantity of a reading, e.g. {@code temperature_c = 21.53 °C}.
 *
 * <p>{@code value} may be NaN only in a fault reading; it travels as JSON {@code null}.
 */
public final class Measurement {
    private final String name;
    private final double value;
    private final String unit;

    private Measurement(String name, double value, String unit) {
        this.name = name;
        this.value = value;
        this.unit = unit;
    }

    /** A measurement; {@code name} follows the sensor naming rules, {@code unit} may be empty (e.g. a state). */
    public static Measurement of(String name, double value, String unit) {
        Names.requireValid("quantity name", name);
        Objects.requireNonNull(unit, "unit");
        if (unit.length() > Names.MAX_LENGTH) {
            throw new IllegalArgumentException("unit '" + unit + "' is longer than " + Names.MAX_LENGTH + " characters");
        }
        return new Measurement(name, value, unit);
    }

    public String name() {
        return name;
    }

    public double value() {
        return value;
    }

    public String unit() {
        return unit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Measurement)) {
            return false;
        }
        Measurement m = (Measurement) o;
        return name.equals(m.name) && Double.compare(value, m.value) == 0 && unit.equals(m.unit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, unit);
    }

    @Override
    public String toString() {
        return name + "=" + value + (unit.isEmpty() ? "" : " " + unit);
    }
}
