package org.atiot.sensors.drivers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atiot.hal.HalClock;
import org.atiot.hal.I2cDevice;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.SensorFault;
import org.atiot.sensors.internal.StuckValueDetector;

/**
 * TI ADS1115 16-bit ADC on I2C (0x48..0x4B by the ADDR pin). Each configured input is converted single-shot:
 * write the config register with OS=1, wait one conversion period, poll OS until it reads 1, read the
 * two's-complement conversion register and scale by the full-scale range of the chosen gain.
 */
public final class Ads1115Sensor extends GuardedSensor {
    public static final String TYPE = "ads1115";
    /** Full-scale range in volts for each PGA setting: gain 2/3, 1, 2, 4, 8, 16. */
    public static final List<Double> FULL_SCALE_V = List.of(6.144, 4.096, 2.048, 1.024, 0.512, 0.256);
    public static final List<Integer> DATA_RATES = List.of(8, 16, 32, 64, 128, 250, 475, 860);
    /** Input multiplexer codes (config bits 14:12). */
    public static final Map<String, Integer> INPUTS = Map.of(
            "ain0-ain1", 0, "ain0-ain3", 1, "ain1-ain3", 2, "ain2-ain3", 3,
            "ain0", 4, "ain1", 5, "ain2", 6, "ain3", 7);
    private static final int MAX_POLLS = 10;

    private final I2cDevice device;
    private final List<String> inputs;
    private final int pgaCode;
    private final double fullScale;
    private final int rateCode;
    private final Duration conversionTime;
    private final StuckValueDetector stuck;

    /**
     * @param inputs input names from {@link #INPUTS}, converted in this order
     * @param fullScaleVolts one of {@link #FULL_SCALE_V}
     * @param samplesPerSecond one of {@link #DATA_RATES}
     * @param stuckAfter identical conversions in a row that count as a hung chip; 0 disables the check
     */
    public Ads1115Sensor(String id, I2cDevice device, HalClock clock, List<String> inputs, double fullScaleVolts,
            int samplesPerSecond, int stuckAfter) {
        super(id, TYPE, clock);
        this.stuck = new StuckValueDetector(stuckAfter);
        this.device = device;
        this.inputs = List.copyOf(inputs);
        this.pgaCode = FULL_SCALE_V.indexOf(fullScaleVolts);
        this.fullScale = fullScaleVolts;
        this.rateCode = DATA_RATES.indexOf(samplesPerSecond);
        if (pgaCode < 0 || rateCode < 0) {
            throw new IllegalArgumentException("unsupported gain or data rate");
        }
        // One conversion period plus 10 % for the internal oscillator's tolerance.
        this.conversionTime = Duration.ofNanos(1_100_000_000L / samplesPerSecond);
    }

    @Override
    protected void initialise() {
        // Every conversion writes the full configuration, so only the stuck check needs a fresh start.
        stuck.reset();
    }

    @Override
    protected List<Quantity> measure() throws SensorFault {
        List<Quantity> out = new ArrayList<>(inputs.size());
        long signature = 0;
        for (String input : inputs) {
            int code = convert(INPUTS.get(input));
            signature = signature * 65_537 + code;
            double volts = code * fullScale / 32768.0;
            String name = inputs.size() == 1 ? Quantity.VOLTAGE_V : input.replace('-', '_') + "_" + Quantity.VOLTAGE_V;
            out.add(new Quantity(name, volts, "V"));
        }
        stuck.check(signature);
        return out;
    }

    /** Runs one single-shot conversion and returns the signed code. */
    private int convert(int mux) throws SensorFault {
        int config = 0x8000                 // OS: start a single conversion
                | (mux << 12)
                | (pgaCode << 9)
                | 0x0100                        // MODE: single-shot, power down afterwards
                | (rateCode << 5)
                | 0x0003;                       // comparator disabled
        device.write((byte) 0x01, (byte) (config >> 8), (byte) config);
        clock.sleep(conversionTime);
        byte[] word = new byte[2];
        for (int poll = 0; ; poll++) {
            device.readBlock(0x01, word, 0, 2);
            if ((word[0] & 0x80) != 0) {
                break;
            }
            if (poll == MAX_POLLS) {
                throw new SensorFault("conversion did not finish within " + MAX_POLLS + " ms after its "
                        + conversionTime.toMillis() + " ms period; the chip may be hung");
            }
            clock.sleep(Duration.ofMillis(1));
        }
        device.readBlock(0x00, word, 0, 2);
        return (short) (((word[0] & 0xFF) << 8) | (word[1] & 0xFF)); // two's complement
    }
}
