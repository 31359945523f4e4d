package org.atiot.sensors.drivers;

import java.time.Duration;
import java.util.List;
import org.atiot.hal.HalClock;
import org.atiot.hal.I2cDevice;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.SensorFault;
import org.atiot.sensors.internal.StuckValueDetector;

/**
 * Bosch BME280 temperature, humidity and pressure sensor on I2C (0x76 with SDO low, 0x77 with SDO high).
 *
 * <p>Forced mode (the default) starts one measurement per read and lets the chip sleep in between, which
 * avoids self-heating; normal mode measures continuously with the configured standby time and IIR filter.
 * Initialisation checks the chip id, soft-resets, waits for the NVM copy and loads the calibration, and runs
 * again after any fault, so a replugged sensor comes back with fresh calibration.
 */
public final class Bme280Sensor extends GuardedSensor {
    public static final String TYPE = "bme280";
    public static final int CHIP_ID = 0x60;
    private static final int BMP280_CHIP_ID = 0x58;
    private static final int SKIPPED_20 = 0x80000;
    private static final int SKIPPED_16 = 0x8000;
    private static final int STATUS_MEASURING = 0x08;
    private static final int STATUS_IM_UPDATE = 0x01;
    private static final int MAX_POLLS = 20;

    /** Operating mode. */
    public enum Mode { FORCED, NORMAL }

    private final I2cDevice device;
    private final Mode mode;
    private final int osrsCode;
    private final int filterCode;
    private final int standbyCode;
    private final StuckValueDetector stuck;
    private Bme280Calibration calibration;

    /**
     * @param oversampling 1, 2, 4, 8 or 16, for all three quantities
     * @param filterCoefficient IIR filter: 0 (off), 2, 4, 8 or 16
     * @param standbyCode t_sb field for normal mode (0 = 0.5 ms .. 5 = 1000 ms, 6 = 10 ms, 7 = 20 ms)
     * @param stuckAfter identical raw readings in a row that count as a hung chip; 0 disables the check
     */
    public Bme280Sensor(String id, I2cDevice device, HalClock clock, Mode mode, int oversampling,
            int filterCoefficient, int standbyCode, int stuckAfter) {
        super(id, TYPE, clock);
        this.device = device;
        this.mode = mode;
        this.osrsCode = Integer.numberOfTrailingZeros(oversampling) + 1;
        this.filterCode = filterCoefficient == 0 ? 0 : Integer.numberOfTrailingZeros(filterCoefficient);
        this.standbyCode = standbyCode;
        this.stuck = new StuckValueDetector(stuckAfter);
    }

    @Override
    protected void initialise() throws SensorFault {
        int chipId = device.readRegister(0xD0);
        if (chipId != CHIP_ID) {
            throw new SensorFault(String.format("chip id is 0x%02x, expected 0x%02x for a BME280%s", chipId, CHIP_ID,
                    chipId == BMP280_CHIP_ID ? " (this is a BMP280, which has no humidity sensor)" : ""));
        }
        device.writeRegister(0xE0, 0xB6); // soft reset
        clock.sleep(Duration.ofMillis(2));
        pollUntilClear(STATUS_IM_UPDATE, "NVM copy after reset");
        byte[] block88 = new byte[26];
        byte[] blockE1 = new byte[7];
        device.readBlock(0x88, block88, 0, block88.length);
        device.readBlock(0xE1, blockE1, 0, blockE1.length);
        Bme280Calibration parsed = Bme280Calibration.parse(block88, blockE1);
        if (!parsed.looksValid()) {
            throw new SensorFault("calibration data is blank; the chip did not finish its reset");
        }
        calibration = parsed;
        device.writeRegister(0xF2, osrsCode);                               // ctrl_hum first: latched by ctrl_meas
        device.writeRegister(0xF5, (standbyCode << 5) | (filterCode << 2)); // config is only writable in sleep mode
        if (mode == Mode.NORMAL) {
            device.writeRegister(0xF4, ctrlMeas(0b11));
        }
        stuck.reset();
    }

    @Override
    protected List<Quantity> measure() throws SensorFault {
        if (mode == Mode.FORCED) {
            device.writeRegister(0xF4, ctrlMeas(0b01));
            clock.sleep(measurementTime());
            pollUntilClear(STATUS_MEASURING, "measurement");
        }
        byte[] data = new byte[8];
        device.readBlock(0xF7, data, 0, data.length);
        int adcP = raw20(data, 0);
        int adcT = raw20(data, 3);
        int adcH = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (adcT == SKIPPED_20 || adcP == SKIPPED_20 || adcH == SKIPPED_16) {
            throw new SensorFault("the chip returned no measurement (it was reset or lost power); re-initialising");
        }
        stuck.check(((long) adcT << 40) ^ ((long) adcP << 16) ^ adcH);
        int tFine = Bme280Compensation.tFine(calibration, adcT);
        double celsius = Bme280Compensation.temperatureCentiC(tFine) / 100.0;
        double pascal = Bme280Compensation.pressureQ24_8(calibration, adcP, tFine) / 256.0;
        double humidity = Bme280Compensation.humidityQ22_10(calibration, adcH, tFine) / 1024.0;
        if (pascal == 0) {
            throw new SensorFault("pressure compensation failed: calibration data is invalid");
        }
        return List.of(Quantity.celsius(celsius), Quantity.humidity(round(humidity, 3)),
                Quantity.pressure(round(pascal / 100.0, 4)));
    }

    private int ctrlMeas(int modeBits) {
        return (osrsCode << 5) | (osrsCode << 2) | modeBits;
    }

    /** Datasheet appendix B maximum: 1.25 + 2.3·T + (2.3·P + 0.575) + (2.3·H + 0.575) ms. */
    Duration measurementTime() {
        int samples = 1 << (osrsCode - 1);
        double ms = 1.25 + 3 * 2.3 * samples + 2 * 0.575;
        return Duration.ofNanos((long) Math.ceil(ms * 1000) * 1000);
    }

    private void pollUntilClear(int statusBit, String what) throws SensorFault {
        for (int i = 0; i < MAX_POLLS; i++) {
            if ((device.readRegister(0xF3) & statusBit) == 0) {
                return;
            }
            clock.sleep(Duration.ofMillis(1));
        }
        throw new SensorFault(what + " did not complete within " + MAX_POLLS + " ms; the chip may be hung");
    }

    private static int raw20(byte[] data, int at) {
        return ((data[at] & 0xFF) << 12) | ((data[at + 1] & 0xFF) << 4) | ((data[at + 2] & 0xFF) >> 4);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
