package org.atiot.sensors;

import java.util.Objects;

/**
 * One measured value: an explicit name that carries its unit ({@code temperature_c}), the value and the unit
 * symbol for display.
 */
public record Quantity(String name, double value, String unit) {
    public static final String TEMPERATURE_C = "temperature_c";
    public static final String HUMIDITY_PCT = "humidity_pct";
    public static final String PRESSURE_HPA = "pressure_hpa";
    public static final String ILLUMINANCE_LUX = "illuminance_lux";
    public static final String VOLTAGE_V = "voltage_v";
    public static final String STATE = "state";
    public static final String EDGE_COUNT = "edge_count";

    public Quantity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("quantity names are lower_snake_case, not \"" + name + "\"");
        }
    }

    public static Quantity celsius(double value) {
        return new Quantity(TEMPERATURE_C, value, "°C");
    }

    public static Quantity humidity(double percent) {
        return new Quantity(HUMIDITY_PCT, percent, "%");
    }

    public static Quantity pressure(double hectopascal) {
        return new Quantity(PRESSURE_HPA, hectopascal, "hPa");
    }

    public static Quantity illuminance(double lux) {
        return new Quantity(ILLUMINANCE_LUX, lux, "lx");
    }
}
