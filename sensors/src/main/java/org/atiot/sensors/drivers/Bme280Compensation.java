package org.atiot.sensors.drivers;

/**
 * Bosch's fixed-point compensation formulas (BME280 datasheet section 4.2.3): 32-bit temperature, 64-bit
 * pressure and 32-bit humidity. Integer maths gives the same result on every JVM and matches the datasheet's
 * worked example exactly.
 */
public final class Bme280Compensation {
    private Bme280Compensation() {}

    /** The fine temperature that pressure and humidity compensation depend on. */
    public static int tFine(Bme280Calibration c, int adcT) {
        int var1 = (((adcT >> 3) - (c.t1() << 1)) * c.t2()) >> 11;
        int var2 = (((((adcT >> 4) - c.t1()) * ((adcT >> 4) - c.t1())) >> 12) * c.t3()) >> 14;
        return var1 + var2;
    }

    /** Temperature in hundredths of a degree Celsius (5123 = 51.23 °C). */
    public static int temperatureCentiC(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    /** Pressure in Pa as unsigned Q24.8 (24674867 = 96386.2 Pa); 0 if the calibration would divide by zero. */
    public static long pressureQ24_8(Bme280Calibration c, int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * c.p6();
        var2 = var2 + ((var1 * c.p5()) << 17);
        var2 = var2 + ((long) c.p4() << 35);
        var1 = ((var1 * var1 * c.p3()) >> 8) + ((var1 * c.p2()) << 12);
        var1 = ((1L << 47) + var1) * c.p1() >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = ((long) c.p9() * (p >> 13) * (p >> 13)) >> 25;
        var2 = ((long) c.p8() * p) >> 19;
        return ((p + var1 + var2) >> 8) + ((long) c.p7() << 4);
    }

    /** Relative humidity in %RH as unsigned Q22.10 (47445 = 46.333 %RH). */
    public static int humidityQ22_10(Bme280Calibration c, int adcH, int tFine) {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (c.h4() << 20) - (c.h5() * v)) + 16384) >> 15)
                * (((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32768)) >> 10) + 2097152) * c.h2() + 8192) >> 14);
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
        v = Math.max(0, Math.min(419430400, v));
        return v >> 12;
    }
}
