package org.atiot.hal.sim;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * A DS18B20 as the Linux w1_therm driver shows it: a {@code w1_slave} file whose first line is the 9-byte
 * scratchpad with the Dallas/Maxim CRC-8 verdict ({@code crc=xx YES|NO}) and whose second line repeats the
 * scratchpad with {@code t=} in millidegrees. The scratchpad is built from the world's temperature at 12-bit
 * resolution (1/16 °C).
 */
public final class SimDs18b20 {
    /** Scratchpad temperature the chip holds after power-on, before any conversion: 85 °C. */
    public static final int POWER_ON_RAW = 0x0550;

    private final String id;
    private final DoubleSupplier temperatureC;
    private final Set<SimFault> faults = EnumSet.noneOf(SimFault.class);
    private int lastRaw = Integer.MIN_VALUE;

    public SimDs18b20(String id, DoubleSupplier temperatureC) {
        if (!id.matches("28-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("DS18B20 ids look like 28-0316a2796aff, not " + id);
        }
        this.id = id;
        this.temperatureC = temperatureC;
    }

    public String id() {
        return id;
    }

    public synchronized void inject(SimFault fault) {
        faults.add(fault);
    }

    public synchronized void clear(SimFault fault) {
        faults.remove(fault);
    }

    public synchronized boolean has(SimFault fault) {
        return faults.contains(fault);
    }

    /** The text the kernel would return for {@code w1_slave} now (one conversion per call). */
    public synchronized String w1SlaveText() {
        int raw;
        if (faults.contains(SimFault.POWER_ON_VALUE)) {
            raw = POWER_ON_RAW;
        } else if (faults.contains(SimFault.STUCK_VALUE) && lastRaw != Integer.MIN_VALUE) {
            raw = lastRaw;
        } else {
            raw = (int) Math.round(temperatureC.getAsDouble() * 16.0);
            raw = Math.max(-55 * 16, Math.min(125 * 16, raw));
            lastRaw = raw;
        }
        byte[] scratchpad = scratchpad(raw);
        int crcByte = scratchpad[8] & 0xFF;
        if (faults.contains(SimFault.CRC_ERROR)) {
            scratchpad[0] ^= 0x04; // a flipped bit on the wire
        }
        boolean crcOk = crc8(scratchpad, 8) == crcByte;
        int shownRaw = (short) (((scratchpad[1] & 0xFF) << 8) | (scratchpad[0] & 0xFF));
        String hex = hex(scratchpad);
        return hex + " : crc=" + String.format("%02x", crcByte) + (crcOk ? " YES" : " NO") + "\n"
                + hex + " t=" + (shownRaw * 1000 / 16) + "\n";
    }

    private static byte[] scratchpad(int raw) {
        byte[] pad = new byte[9];
        pad[0] = (byte) raw;
        pad[1] = (byte) (raw >> 8);
        pad[2] = 0x4B;               // TH alarm register, factory default
        pad[3] = 0x46;               // TL alarm register, factory default
        pad[4] = 0x7F;               // configuration: 12-bit resolution
        pad[5] = (byte) 0xFF;
        pad[6] = (byte) (0x10 - (raw & 0x0F)); // COUNT_REMAIN
        pad[7] = 0x10;
        pad[8] = (byte) crc8(pad, 8);
        return pad;
    }

    /** Dallas/Maxim CRC-8: polynomial x^8 + x^5 + x^4 + 1, LSB first (0x8C reflected), initial value 0. */
    static int crc8(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                boolean mix = ((crc ^ b) & 0x01) != 0;
                crc >>= 1;
                if (mix) {
                    crc ^= 0x8C;
                }
                b >>= 1;
            }
        }
        return crc;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return out.toString();
    }
}
