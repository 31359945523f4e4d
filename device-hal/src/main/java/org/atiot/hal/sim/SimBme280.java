package org.atiot.hal.sim;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;

/**
 * Bosch BME280 at register level: chip id, soft reset, NVM calibration block (0x88..0xA1, 0xE1..0xE7),
 * ctrl_hum/ctrl_meas/config, status (measuring, im_update), burst data 0xF7..0xFE, sleep/forced/normal mode and
 * the datasheet's maximum measurement time. Raw ADC values are found by inverting the datasheet's floating-point
 * compensation over this chip's calibration, so a driver must apply the compensation correctly to read back
 * the world's value.
 */
public final class SimBme280 extends SimI2cChip {
    public static final int DEFAULT_ADDRESS = 0x76;
    public static final int CHIP_ID = 0x60;

    /** Trimming values of the datasheet's worked example (temperature and pressure) and typical humidity ones. */
    public static final int[] EXAMPLE_TRIMMING_TP = {
            27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
    public static final int DIG_H1 = 75;
    public static final int DIG_H2 = 370;
    public static final int DIG_H3 = 0;
    public static final int DIG_H4 = 313;
    public static final int DIG_H5 = 50;
    public static final int DIG_H6 = 30;

    private static final int REG_CALIB_00 = 0x88;
    private static final int REG_CHIP_ID = 0xD0;
    private static final int REG_RESET = 0xE0;
    private static final int REG_CALIB_26 = 0xE1;
    private static final int REG_CTRL_HUM = 0xF2;
    private static final int REG_STATUS = 0xF3;
    private static final int REG_CTRL_MEAS = 0xF4;
    private static final int REG_CONFIG = 0xF5;
    private static final int REG_DATA = 0xF7;
    private static final int SKIPPED_20 = 0x80000;
    private static final int SKIPPED_16 = 0x8000;
    private static final long NVM_COPY_NANOS = 2_000_000;

    private final byte[] registers = new byte[256];
    private final DoubleSupplier temperatureC;
    private final DoubleSupplier humidityPct;
    private final DoubleSupplier pressurePa;
    private int pointer;
    private int latchedOsrsH;
    private long conversionDoneAt;
    private long nvmReadyAt;
    private long lastNormalSampleAt = Long.MIN_VALUE;
    private int[] rawOverride;

    public SimBme280(SimulatedWorld world, int address) {
        this(world, address, world::airTemperatureC, world::relativeHumidityPct, world::pressurePa);
    }

    public SimBme280(SimulatedWorld world, int address, DoubleSupplier temperatureC, DoubleSupplier humidityPct,
            DoubleSupplier pressurePa) {
        super(world, address);
        this.temperatureC = temperatureC;
        this.humidityPct = humidityPct;
        this.pressurePa = pressurePa;
        writeCalibration();
        powerOnReset();
    }

    /** Makes the ADC report these raw values (datasheet worked examples) instead of the world's. */
    public synchronized void useRawValues(int adcT, int adcP, int adcH) {
        rawOverride = new int[] {adcT, adcP, adcH};
    }

    @Override
    protected void onWrite(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0xFF;
        // Multi-byte writes are register/value pairs, not auto-incremented.
        for (int i = offset; i + 1 < offset + length; i += 2) {
            writeRegister(data[i] & 0xFF, data[i + 1] & 0xFF);
        }
    }

    @Override
    protected void onRead(byte[] buffer, int offset, int length) {
        refreshStatusAndData();
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = registers[(pointer + i) & 0xFF];
        }
        pointer = (pointer + length) & 0xFF;
    }

    @Override
    protected void powerOnReset() {
        for (int r = REG_CTRL_HUM; r <= REG_CONFIG; r++) {
            registers[r] = 0;
        }
        registers[REG_CHIP_ID] = (byte) CHIP_ID;
        latchedOsrsH = 0;
        storeData(SKIPPED_20, SKIPPED_20, SKIPPED_16);
        nvmReadyAt = world.nanoTime() + NVM_COPY_NANOS;
        conversionDoneAt = 0;
        lastNormalSampleAt = Long.MIN_VALUE;
    }

    private void writeRegister(int register, int value) {
        switch (register) {
            case REG_RESET -> {
                if (value == 0xB6) {
                    powerOnReset();
                }
            }
            case REG_CTRL_HUM -> registers[register] = (byte) (value & 0x07);
            case REG_CONFIG -> registers[register] = (byte) (value & 0xFD);
            case REG_CTRL_MEAS -> {
                registers[register] = (byte) value;
                // ctrl_hum only takes effect after a write to ctrl_meas (datasheet 5.4.3).
                latchedOsrsH = registers[REG_CTRL_HUM] & 0x07;
                int mode = value & 0x03;
                if (mode == 1 || mode == 2) {
                    conversionDoneAt = world.nanoTime() + measurementTime().toNanos();
                } else if (mode == 3) {
                    lastNormalSampleAt = Long.MIN_VALUE;
                }
            }
            default -> { /* read-only or reserved: ignored, as by the chip */ }
        }
    }

    private void refreshStatusAndData() {
        long now = world.nanoTime();
        int ctrlMeas = registers[REG_CTRL_MEAS] & 0xFF;
        int mode = ctrlMeas & 0x03;
        boolean measuring = false;
        if (mode == 1 || mode == 2) {
            if (now >= conversionDoneAt) {
                sample();
                registers[REG_CTRL_MEAS] = (byte) (ctrlMeas & 0xFC); // back to sleep after a forced measurement
            } else {
                measuring = true;
            }
        } else if (mode == 3) {
            long period = measurementTime().plus(standbyTime()).toNanos();
            if (lastNormalSampleAt == Long.MIN_VALUE || now - lastNormalSampleAt >= period) {
                sample();
                lastNormalSampleAt = now;
            }
        }
        int status = (measuring ? 0x08 : 0) | (now < nvmReadyAt ? 0x01 : 0);
        registers[REG_STATUS] = (byte) status;
    }

    private void sample() {
        if (has(SimFault.STUCK_VALUE) && readStored(REG_DATA + 3) != SKIPPED_20) {
            return;
        }
        int ctrlMeas = registers[REG_CTRL_MEAS] & 0xFF;
        boolean tOn = (ctrlMeas >> 5) != 0;
        boolean pOn = ((ctrlMeas >> 2) & 0x07) != 0;
        boolean hOn = latchedOsrsH != 0;
        int adcT;
        int adcP;
        int adcH;
        if (rawOverride != null) {
            adcT = rawOverride[0];
            adcP = rawOverride[1];
            adcH = rawOverride[2];
        } else {
            adcT = invert(this::temperatureFor, temperatureC.getAsDouble(), 1 << 20, true);
            double tFine = tFine(adcT);
            adcP = invert(adc -> pressureFor(adc, tFine), pressurePa.getAsDouble(), 1 << 20, false);
            adcH = invert(adc -> humidityFor(adc, tFine), humidityPct.getAsDouble(), 1 << 16, true);
        }
        storeData(tOn ? adcT : SKIPPED_20, tOn && pOn ? adcP : SKIPPED_20, tOn && hOn ? adcH : SKIPPED_16);
    }

    private void storeData(int adcT, int adcP, int adcH) {
        store20(REG_DATA, adcP);
        store20(REG_DATA + 3, adcT);
        registers[REG_DATA + 6] = (byte) (adcH >> 8);
        registers[REG_DATA + 7] = (byte) adcH;
    }

    private void store20(int register, int value) {
        registers[register] = (byte) (value >> 12);
        registers[register + 1] = (byte) (value >> 4);
        registers[register + 2] = (byte) ((value & 0x0F) << 4);
    }

    private int readStored(int register) {
        return ((registers[register] & 0xFF) << 12) | ((registers[register + 1] & 0xFF) << 4)
                | ((registers[register + 2] & 0xFF) >> 4);
    }

    /** Datasheet appendix B: maximum measurement time. */
    private Duration measurementTime() {
        int ctrlMeas = registers[REG_CTRL_MEAS] & 0xFF;
        double ms = 1.25 + 2.3 * oversampling(ctrlMeas >> 5) + (2.3 * oversampling((ctrlMeas >> 2) & 7) + 0.575)
                + (2.3 * oversampling(latchedOsrsH) + 0.575);
        return Duration.ofNanos((long) (ms * 1_000_000));
    }

    private Duration standbyTime() {
        int tsb = (registers[REG_CONFIG] & 0xFF) >> 5;
        double[] ms = {0.5, 62.5, 125, 250, 500, 1000, 10, 20};
        return Duration.ofNanos((long) (ms[tsb] * 1_000_000));
    }

    private static int oversampling(int code) {
        return code == 0 ? 0 : 1 << Math.min(code - 1, 4);
    }

    /** Binary search of a monotonic ADC-to-value function for the code nearest to {@code target}. */
    private static int invert(IntToDoubleFunction value, double target, int codes, boolean increasing) {
        int low = 0;
        int high = codes - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            double v = value.applyAsDouble(mid);
            if (increasing ? v < target : v > target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    // Floating-point compensation of datasheet section 8.1, used only to invert it.

    private double tFine(int adcT) {
        int t1 = cal(0);
        int t2 = cal(1);
        int t3 = cal(2);
        double var1 = (adcT / 16384.0 - t1 / 1024.0) * t2;
        double var2 = (adcT / 131072.0 - t1 / 8192.0) * (adcT / 131072.0 - t1 / 8192.0) * t3;
        return var1 + var2;
    }

    private double temperatureFor(int adcT) {
        return tFine(adcT) / 5120.0;
    }

    private double pressureFor(int adcP, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * cal(8) / 32768.0;
        var2 = var2 + var1 * cal(7) * 2.0;
        var2 = var2 / 4.0 + cal(6) * 65536.0;
        var1 = (cal(5) * var1 * var1 / 524288.0 + cal(4) * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * cal(3);
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = cal(11) * p * p / 2147483648.0;
        var2 = p * cal(10) / 32768.0;
        return p + (var1 + var2 + cal(9)) / 16.0;
    }

    private double humidityFor(int adcH, double tFine) {
        double h = tFine - 76800.0;
        h = (adcH - (DIG_H4 * 64.0 + DIG_H5 / 16384.0 * h))
                * (DIG_H2 / 65536.0 * (1.0 + DIG_H6 / 67108864.0 * h * (1.0 + DIG_H3 / 67108864.0 * h)));
        return h * (1.0 - DIG_H1 * h / 524288.0);
    }

    private static int cal(int index) {
        return EXAMPLE_TRIMMING_TP[index];
    }

    private void writeCalibration() {
        for (int i = 0; i < EXAMPLE_TRIMMING_TP.length; i++) {
            int value = EXAMPLE_TRIMMING_TP[i];
            registers[REG_CALIB_00 + 2 * i] = (byte) value;          // little-endian, as in the NVM
            registers[REG_CALIB_00 + 2 * i + 1] = (byte) (value >> 8);
        }
        registers[0xA1] = (byte) DIG_H1;
        registers[REG_CALIB_26] = (byte) DIG_H2;
        registers[REG_CALIB_26 + 1] = (byte) (DIG_H2 >> 8);
        registers[REG_CALIB_26 + 2] = (byte) DIG_H3;
        registers[REG_CALIB_26 + 3] = (byte) (DIG_H4 >> 4);                           // 0xE4: H4[11:4]
        registers[REG_CALIB_26 + 4] = (byte) ((DIG_H4 & 0x0F) | ((DIG_H5 & 0x0F) << 4)); // 0xE5: H5[3:0] H4[3:0]
        registers[REG_CALIB_26 + 5] = (byte) (DIG_H5 >> 4);                           // 0xE6: H5[11:4]
        registers[REG_CALIB_26 + 6] = (byte) DIG_H6;
    }
}
