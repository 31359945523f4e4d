package org.atiot.hal.sim;

import java.util.function.DoubleSupplier;

/**
 * TI ADS1115 at register level: pointer register, 16-bit big-endian conversion/config/threshold registers,
 * input multiplexer (single-ended and differential), programmable gain (full-scale range), data rate and
 * single-shot conversions started by the config register's OS bit, which reads 0 while converting.
 */
public final class SimAds1115 extends SimI2cChip {
    public static final int DEFAULT_ADDRESS = 0x48;
    public static final int DEFAULT_CONFIG = 0x8583;
    private static final double[] FULL_SCALE_V = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
    private static final int[] SAMPLES_PER_SECOND = {8, 16, 32, 64, 128, 250, 475, 860};

    private final DoubleSupplier[] inputs = new DoubleSupplier[4];
    private final int[] registers = new int[4];
    private int pointer;
    private long conversionDoneAt;
    private boolean converting;

    public SimAds1115(SimulatedWorld world, int address) {
        super(world, address);
        for (int i = 0; i < inputs.length; i++) {
            double volts = 0.5 * (i + 1); // AIN0..3 default to 0.5, 1.0, 1.5, 2.0 V
            inputs[i] = () -> volts;
        }
        powerOnReset();
    }

    /** Connects input AINn to a voltage source (volts against GND). */
    public synchronized void connect(int channel, DoubleSupplier volts) {
        inputs[channel] = volts;
    }

    @Override
    protected void onWrite(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0x03;
        if (length >= 3) {
            int value = ((data[offset + 1] & 0xFF) << 8) | (data[offset + 2] & 0xFF);
            writeRegister(pointer, value);
        }
    }

    @Override
    protected void onRead(byte[] buffer, int offset, int length) {
        finishConversionIfDue();
        int value = registers[pointer];
        if (pointer == 1) {
            value = (value & 0x7FFF) | (converting ? 0 : 0x8000);
        }
        if (length > 0) {
            buffer[offset] = (byte) (value >> 8);
        }
        if (length > 1) {
            buffer[offset + 1] = (byte) value;
        }
    }

    @Override
    protected void powerOnReset() {
        registers[0] = 0;
        registers[1] = DEFAULT_CONFIG;
        registers[2] = 0x8000;
        registers[3] = 0x7FFF;
        pointer = 0;
        converting = false;
    }

    private void writeRegister(int register, int value) {
        if (register == 0) {
            return; // the conversion register is read-only
        }
        registers[register] = value & (register == 1 ? 0x7FFF : 0xFFFF);
        boolean singleShot = (value & 0x0100) != 0;
        if (register == 1 && (value & 0x8000) != 0 && singleShot && !converting) {
            converting = true;
            int sps = SAMPLES_PER_SECOND[(value >> 5) & 0x07];
            conversionDoneAt = world.nanoTime() + 1_000_000_000L / sps;
        }
    }

    private void finishConversionIfDue() {
        if (converting && world.nanoTime() >= conversionDoneAt) {
            converting = false;
            if (!has(SimFault.STUCK_VALUE)) {
                registers[0] = convert(registers[1]);
            }
        }
    }

    private int convert(int config) {
        int mux = (config >> 12) & 0x07;
        double volts = switch (mux) {
            case 0 -> volts(0) - volts(1);
            case 1 -> volts(0) - volts(3);
            case 2 -> volts(1) - volts(3);
            case 3 -> volts(2) - volts(3);
            default -> volts(mux - 4);
        };
        double fullScale = FULL_SCALE_V[(config >> 9) & 0x07];
        long code = Math.round(volts / fullScale * 32768.0);
        return (int) Math.max(-32768, Math.min(32767, code)) & 0xFFFF;
    }

    private double volts(int channel) {
        return inputs[channel].getAsDouble();
    }
}
