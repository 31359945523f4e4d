package org.atiot.sensors.drivers;

/** The two CRC-8 variants our chips use. */
public final class Crc8 {
    private Crc8() {}

    /** Sensirion: polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial 0xFF, MSB first. {@code 0xBEEF -> 0x92}. */
    public static int sensirion(byte[] data, int offset, int length) {
        int crc = 0xFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = ((crc & 0x80) != 0 ? (crc << 1) ^ 0x31 : crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** Dallas/Maxim 1-Wire: the same polynomial reflected (0x8C), initial 0, LSB first. */
    public static int dallas(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x01) != 0 ? (crc >>> 1) ^ 0x8C : crc >>> 1;
            }
        }
        return crc;
    }
}
