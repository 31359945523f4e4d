package org.atiot.sensors.drivers;

import java.time.Duration;
import java.util.List;
import org.atiot.hal.HalClock;
import org.atiot.hal.I2cDevice;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.StuckValueDetector;

/**
 * ROHM BH1750 ambient light sensor on I2C (0x23 with ADDR low, 0x5C high), one-time measurements so the chip
 * powers down between reads. {@code lux = count / 1.2 × (69 / MTreg)}, halved in H-resolution mode 2.
 */
public final class Bh1750Sensor extends GuardedSensor {
    public static final String TYPE = "bh1750";
    public static final int DEFAULT_MTREG = 69;

    /** Resolution mode: one-time opcode and maximum measurement time at the default MTreg. */
    public enum Resolution {
        HIGH(0x20, 180), HIGH2(0x21, 180), LOW(0x23, 24);

        final int opcode;
        final int maxMillisAtDefault;

        Resolution(int opcode, int maxMillisAtDefault) {
            this.opcode = opcode;
            this.maxMillisAtDefault = maxMillisAtDefault;
        }
    }

    private final I2cDevice device;
    private final Resolution resolution;
    private final int mtreg;
    private final StuckValueDetector stuck;

    /** @param mtreg measurement time register, 31..254; higher is more sensitive and slower */
    public Bh1750Sensor(String id, I2cDevice device, HalClock clock, Resolution resolution, int mtreg,
            int stuckAfter) {
        super(id, TYPE, clock);
        this.device = device;
        this.resolution = resolution;
        this.mtreg = mtreg;
        this.stuck = new StuckValueDetector(stuckAfter);
    }

    /** Converts a raw count to lux (datasheet: 0x8390 at MTreg 69, H mode = 28067 lx). */
    public static double lux(int count, Resolution resolution, int mtreg) {
        double lux = count / 1.2 * DEFAULT_MTREG / mtreg;
        return resolution == Resolution.HIGH2 ? lux / 2.0 : lux;
    }

    @Override
    protected void initialise() {
        device.write((byte) 0x01);                              // power on
        device.write((byte) (0x40 | (mtreg >> 5)));             // MTreg high bits
        device.write((byte) (0x60 | (mtreg & 0x1F)));           // MTreg low bits
        stuck.reset();
    }

    @Override
    protected List<Quantity> measure() throws org.atiot.sensors.internal.SensorFault {
        device.write((byte) resolution.opcode);
        long maxMillis = (long) Math.ceil(resolution.maxMillisAtDefault * (double) mtreg / DEFAULT_MTREG);
        clock.sleep(Duration.ofMillis(maxMillis));
        byte[] data = new byte[2];
        device.read(data);
        int count = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        stuck.check(count);
        return List.of(Quantity.illuminance(Math.round(lux(count, resolution, mtreg) * 100.0) / 100.0));
    }
}
