package org.atiot.sensors.drivers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.sensors.internal.SensorFault;

/**
 * Parses the kernel's w1_therm {@code w1_slave} text for a DS18B20:
 *
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 *
 * The kernel's CRC verdict is checked, the CRC is recomputed over the scratchpad, and the power-on value
 * (85 °C before any conversion) and the all-zero scratchpad of a shorted data line are rejected.
 */
public final class W1SlaveReading {
    public static final int POWER_ON_MILLI_C = 85_000;
    private static final Pattern CRC_LINE = Pattern.compile(
            "((?:[0-9a-f]{2} ){9}): crc=([0-9a-f]{2}) (yes|no)");
    private static final Pattern TEMP_LINE = Pattern.compile("(?:[0-9a-f]{2} ){9}t=(-?\\d+)");

    private W1SlaveReading() {}

    /** The temperature in °C, or a fault naming what is wrong with the text. */
    public static double celsius(String text) throws SensorFault {
        String[] lines = text.strip().toLowerCase(Locale.ROOT).split("\n");
        if (lines.length < 2) {
            throw new SensorFault("w1_slave is incomplete (" + lines.length + " line); the sensor may be unplugged");
        }
        Matcher crc = CRC_LINE.matcher(lines[0].strip());
        if (!crc.matches()) {
            throw new SensorFault("w1_slave first line is malformed: \"" + abbreviate(lines[0]) + "\"");
        }
        if (crc.group(3).equals("no")) {
            throw new SensorFault("CRC error on the 1-Wire bus (crc=" + crc.group(2) + " NO); check the 4.7 kΩ pull-up "
                    + "and cable length");
        }
        byte[] scratchpad = parseHex(crc.group(1));
        if (Crc8.dallas(scratchpad, 0, 8) != (scratchpad[8] & 0xFF)) {
            throw new SensorFault("scratchpad CRC does not match although the kernel reported YES");
        }
        if (allZero(scratchpad)) {
            throw new SensorFault("scratchpad is all zeros: the data line is shorted to ground or the sensor is missing");
        }
        Matcher temp = TEMP_LINE.matcher(lines[1].strip());
        if (!temp.matches()) {
            throw new SensorFault("w1_slave second line is malformed: \"" + abbreviate(lines[1]) + "\"");
        }
        int milli = Integer.parseInt(temp.group(1));
        if (milli == POWER_ON_MILLI_C) {
            throw new SensorFault("85 °C power-on value: the sensor reset before converting (weak power or parasite "
                    + "mode without a strong pull-up)");
        }
        if (milli < -55_000 || milli > 125_000) {
            throw new SensorFault("temperature " + milli / 1000.0 + " °C is outside the DS18B20's -55..125 °C range");
        }
        return milli / 1000.0;
    }

    private static byte[] parseHex(String bytes) {
        String[] parts = bytes.strip().split(" ");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
