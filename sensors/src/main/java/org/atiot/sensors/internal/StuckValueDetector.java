package org.atiot.sensors.internal;

/**
 * Flags a sensor whose raw output repeats exactly for too many readings in a row. Noisy high-resolution
 * sensors (BME280, SHT31) practically never repeat, so a frozen output means a hung chip.
 */
public final class StuckValueDetector {
    private final int limit;
    private long last;
    private int repeats;
    private boolean primed;

    /** @param limit readings with identical raw output that count as stuck; 0 disables the check */
    public StuckValueDetector(int limit) {
        this.limit = limit;
    }

    /** Records a reading's raw output; throws once it has repeated {@code limit} times. */
    public void check(long rawSignature) throws SensorFault {
        if (limit <= 0) {
            return;
        }
        if (primed && rawSignature == last) {
            repeats++;
        } else {
            repeats = 1;
            last = rawSignature;
            primed = true;
        }
        if (repeats >= limit) {
            throw new SensorFault("output stuck: the same raw value " + repeats + " readings in a row; "
                    + "the chip may be hung (power-cycle it)");
        }
    }

    public void reset() {
        primed = false;
        repeats = 0;
    }
}
