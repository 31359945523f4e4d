package org.atiot.hal.sim;

import java.util.function.DoubleSupplier;

/**
 * Sensirion SHT3x at the command level: single-shot measurements without clock stretching (0x2400, 0x240B,
 * 0x2416), soft reset (0x30A2) and the status register (0xF32D). Each 16-bit word is followed by its CRC-8
 * (polynomial 0x31, init 0xFF). Reading before the measurement is done is NACKed, as by the chip.
 */
public final class SimSht31 extends SimI2cChip {
    public static final int DEFAULT_ADDRESS = 0x44;

    private final DoubleSupplier temperatureC;
    private final DoubleSupplier humidityPct;
    private byte[] pending;
    private long readyAt;
    private int lastRawT = -1;
    private int lastRawH = -1;
    private int status;

    public SimSht31(SimulatedWorld world, int address) {
        this(world, address, world::airTemperatureC, world::relativeHumidityPct);
    }

    public SimSht31(SimulatedWorld world, int address, DoubleSupplier temperatureC, DoubleSupplier humidityPct) {
        super(world, address);
        this.temperatureC = temperatureC;
        this.humidityPct = humidityPct;
        powerOnReset();
    }

    @Override
    protected void onWrite(byte[] data, int offset, int length) {
        if (length != 2) {
            throw nack(); // the chip only understands 16-bit commands
        }
        int command = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
        switch (command) {
            case 0x2400 -> startMeasurement(15_500_000L);
            case 0x240B -> startMeasurement(6_500_000L);
            case 0x2416 -> startMeasurement(4_500_000L);
            case 0x30A2 -> powerOnReset();
            case 0x3041 -> status = 0;
            case 0xF32D -> {
                pending = words(status, -1);
                readyAt = world.nanoTime();
            }
            default -> throw nack();
        }
    }

    @Override
    protected void onRead(byte[] buffer, int offset, int length) {
        if (pending == null || world.nanoTime() < readyAt) {
            throw nack();
        }
        System.arraycopy(pending, 0, buffer, offset, Math.min(length, pending.length));
        pending = null;
    }

    @Override
    protected void powerOnReset() {
        pending = null;
        status = 0x0010; // "system reset detected"
    }

    private void startMeasurement(long durationNanos) {
        int rawT;
        int rawH;
        if (has(SimFault.STUCK_VALUE) && lastRawT >= 0) {
            rawT = lastRawT;
            rawH = lastRawH;
        } else {
            rawT = toRaw((temperatureC.getAsDouble() + 45.0) / 175.0);
            rawH = toRaw(humidityPct.getAsDouble() / 100.0);
            lastRawT = rawT;
            lastRawH = rawH;
        }
        pending = words(rawT, rawH);
        readyAt = world.nanoTime() + durationNanos;
    }

    private byte[] words(int first, int second) {
        byte[] out = new byte[second < 0 ? 3 : 6];
        putWord(out, 0, first);
        if (second >= 0) {
            putWord(out, 3, second);
        }
        if (has(SimFault.CRC_ERROR)) {
            out[2] ^= 0x5A;
        }
        return out;
    }

    private static void putWord(byte[] out, int at, int word) {
        out[at] = (byte) (word >> 8);
        out[at + 1] = (byte) word;
        out[at + 2] = (byte) crc8(out, at, 2);
    }

    private static int toRaw(double fraction) {
        return (int) Math.round(Math.max(0.0, Math.min(1.0, fraction)) * 65535.0);
    }

    /** Sensirion CRC-8: polynomial x^8 + x^5 + x^4 + 1 (0x31), initial value 0xFF, no reflection. */
    static int crc8(byte[] data, int offset, int length) {
        int crc = 0xFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
