package org.atiot.sensors.drivers;

/**
 * The BME280's factory trimming parameters (datasheet table 16). Temperature and pressure words are
 * little-endian at 0x88..0x9F, dig_H1 at 0xA1, the humidity block at 0xE1..0xE7 with dig_H4/dig_H5 sharing
 * the nibbles of 0xE5.
 */
public record Bme280Calibration(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7,
        int p8, int p9, int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Parses the 26 bytes read from 0x88 and the 7 bytes read from 0xE1. */
    public static Bme280Calibration parse(byte[] block88, byte[] blockE1) {
        return new Bme280Calibration(
                u16(block88, 0), s16(block88, 2), s16(block88, 4),
                u16(block88, 6), s16(block88, 8), s16(block88, 10), s16(block88, 12), s16(block88, 14),
                s16(block88, 16), s16(block88, 18), s16(block88, 20), s16(block88, 22),
                block88[25] & 0xFF,
                s16(blockE1, 0),
                blockE1[2] & 0xFF,
                (blockE1[3] << 4) | (blockE1[4] & 0x0F),          // signed high byte, low nibble of 0xE5
                (blockE1[5] << 4) | ((blockE1[4] & 0xFF) >> 4),   // signed high byte, high nibble of 0xE5
                blockE1[6]);
    }

    /** An all-zero or all-0xFF block means the NVM was not read (bus glitch during reset). */
    public boolean looksValid() {
        return t1 != 0 && t1 != 0xFFFF && p1 != 0 && p1 != 0xFFFF;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int at) {
        return (short) u16(b, at);
    }
}
