package org.atiot.sensors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one sensor measured at one moment. A fault reading has no quantities.
 *
 * @param takenAt wall-clock time of the measurement
 * @param monotonicNanos monotonic time of the measurement, for intervals (only differences are meaningful)
 */
public record Reading(String sensorId, List<Quantity> quantities, Status status, Instant takenAt,
        long monotonicNanos) {

    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(takenAt, "takenAt");
        quantities = List.copyOf(quantities);
        if (!status.isOk() && !quantities.isEmpty()) {
            throw new IllegalArgumentException("a fault reading carries no quantities");
        }
    }

    public static Reading ok(String sensorId, List<Quantity> quantities, Instant takenAt, long monotonicNanos) {
        return new Reading(sensorId, quantities, Status.OK, takenAt, monotonicNanos);
    }

    public static Reading fault(String sensorId, String reason, Instant takenAt, long monotonicNanos) {
        return new Reading(sensorId, List.of(), Status.fault(reason), takenAt, monotonicNanos);
    }

    public boolean isOk() {
        return status.isOk();
    }

    /** The quantity with this name, if the reading has it. */
    public Optional<Quantity> quantity(String name) {
        for (Quantity quantity : quantities) {
            if (quantity.name().equals(name)) {
                return Optional.of(quantity);
            }
        }
        return Optional.empty();
    }

    /**
     * The value of a quantity this reading must have.
     *
     * @throws IllegalStateException if it is absent (for example because the reading is a fault)
     */
    public double value(String name) {
        return quantity(name).orElseThrow(() -> new IllegalStateException(
                "reading of " + sensorId + " has no " + name + " (status " + status + ")")).value();
    }
}
