package org.atiot.sensors.internal;

import java.time.Instant;
import java.util.List;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalException;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.tinylog.Logger;

/**
 * Base of every driver: turns hardware errors into fault readings, re-initialises the chip on the next read
 * after a fault, and logs only when the sensor changes between healthy and faulty (no log flood from a sensor
 * that stays unplugged all night).
 */
public abstract class GuardedSensor implements Sensor {
    private final String id;
    private final String type;
    protected final HalClock clock;
    private boolean initialised;
    private boolean faulty;

    protected GuardedSensor(String id, String type, HalClock clock) {
        this.id = id;
        this.type = type;
        this.clock = clock;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Reading read() {
        long nanos = clock.nanoTime();
        Instant at = clock.now();
        try {
            if (!initialised) {
                initialise();
                initialised = true;
            }
            List<Quantity> quantities = measure();
            if (faulty) {
                faulty = false;
                Logger.info("sensor {} recovered", id);
            }
            return Reading.ok(id, quantities, at, nanos);
        } catch (HalException e) {
            initialised = false;
            return fault(e.getMessage(), at, nanos);
        } catch (SensorFault e) {
            initialised = false;
            return fault(e.getMessage(), at, nanos);
        } catch (RuntimeException e) {
            // A driver bug must not take the agent down; report it loudly once and keep going.
            initialised = false;
            Logger.error(e, "sensor {} driver failed unexpectedly", id);
            return fault("driver error: " + e, at, nanos);
        }
    }

    private Reading fault(String reason, Instant at, long nanos) {
        if (!faulty) {
            faulty = true;
            Logger.warn("sensor {} faulted: {}", id, reason);
        }
        return Reading.fault(id, reason, at, nanos);
    }

    /** Brings the chip into a known state (identify, reset, load calibration, configure). */
    protected abstract void initialise() throws SensorFault;

    /** Takes one measurement. */
    protected abstract List<Quantity> measure() throws SensorFault;
}
