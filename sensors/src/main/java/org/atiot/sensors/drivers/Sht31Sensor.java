package org.atiot.sensors.drivers;

import java.time.Duration;
import java.util.List;
import org.atiot.hal.DeviceNotRespondingException;
import org.atiot.hal.HalClock;
import org.atiot.hal.I2cDevice;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.SensorFault;
import org.atiot.sensors.internal.StuckValueDetector;

/**
 * Sensirion SHT30/31/35 on I2C (0x44 with ADDR low, 0x45 high), single-shot without clock stretching. Every
 * data word is checked against its CRC-8. A read that is NACKed because the conversion is still running is
 * retried a few times before it counts as a fault.
 */
public final class Sht31Sensor extends GuardedSensor {
    public static final String TYPE = "sht31";
    private static final int READ_RETRIES = 3;

    /** Measurement repeatability: command and maximum duration from the datasheet. */
    public enum Repeatability {
        HIGH(0x2400, 16), MEDIUM(0x240B, 7), LOW(0x2416, 5);

        final int command;
        final int maxMillis;

        Repeatability(int command, int maxMillis) {
            this.command = command;
            this.maxMillis = maxMillis;
        }
    }

    private final I2cDevice device;
    private final Repeatability repeatability;
    private final StuckValueDetector stuck;

    public Sht31Sensor(String id, I2cDevice device, HalClock clock, Repeatability repeatability, int stuckAfter) {
        super(id, TYPE, clock);
        this.device = device;
        this.repeatability = repeatability;
        this.stuck = new StuckValueDetector(stuckAfter);
    }

    @Override
    protected void initialise() {
        command(0x30A2); // soft reset: clears a half-finished command after a bus glitch
        clock.sleep(Duration.ofMillis(2));
        stuck.reset();
    }

    @Override
    protected List<Quantity> measure() throws SensorFault {
        command(repeatability.command);
        clock.sleep(Duration.ofMillis(repeatability.maxMillis));
        byte[] data = readWithRetry();
        int rawT = word(data, 0);
        int rawH = word(data, 3);
        stuck.check(((long) rawT << 16) | rawH);
        double celsius = -45.0 + 175.0 * rawT / 65535.0;
        double humidity = 100.0 * rawH / 65535.0;
        return List.of(Quantity.celsius(round2(celsius)), Quantity.humidity(round2(humidity)));
    }

    private byte[] readWithRetry() {
        byte[] data = new byte[6];
        for (int attempt = 0; ; attempt++) {
            try {
                device.read(data);
                return data;
            } catch (DeviceNotRespondingException e) {
                if (attempt == READ_RETRIES) {
                    throw e;
                }
                clock.sleep(Duration.ofMillis(2)); // still converting
            }
        }
    }

    private static int word(byte[] data, int at) throws SensorFault {
        int expected = Crc8.sensirion(data, at, 2);
        int actual = data[at + 2] & 0xFF;
        if (expected != actual) {
            throw new SensorFault(String.format("CRC mismatch (got 0x%02x, computed 0x%02x); check cable length and "
                    + "pull-ups", actual, expected));
        }
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private void command(int command) {
        device.write((byte) (command >> 8), (byte) command);
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
