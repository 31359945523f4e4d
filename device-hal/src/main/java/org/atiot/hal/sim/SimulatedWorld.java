package org.atiot.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.hal.HalClock;
import org.atiot.hal.internal.SystemHalClock;

/**
 * The physical world the simulated chips measure, and its time. Physics is deterministic for a given seed:
 * air temperature follows a day/night sine (coolest before dawn, warmest mid-afternoon) with Gaussian noise,
 * humidity moves against temperature, pressure drifts slowly and light follows the sun.
 *
 * <p>Time is either manual (tests call {@link #advance}; {@link #sleep} advances instead of waiting) or real.
 */
public final class SimulatedWorld implements HalClock {
    public static final double DEFAULT_MEAN_TEMPERATURE_C = 18.0;
    public static final double DEFAULT_DAILY_SWING_C = 6.0;
    public static final double DEFAULT_NOISE_C = 0.05;
    public static final double SEA_LEVEL_PA = 101_325.0;
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final double WARMEST_HOUR = 15.0;

    private final Random random;
    private final boolean manualTime;
    private final Instant start;
    private long elapsedNanos;
    private final double meanTemperatureC;
    private final double dailySwingC;
    private final double noiseC;
    private final Map<Integer, SimI2cBus> buses = new ConcurrentHashMap<>();
    private final Map<Integer, SimPin> pins = new ConcurrentHashMap<>();
    private final Map<Integer, SimPwm> pwms = new ConcurrentHashMap<>();
    private final SimOneWireBus oneWire = new SimOneWireBus();
    private final SimulatedSystemSources system;

    private SimulatedWorld(Builder builder) {
        this.random = new Random(builder.seed);
        this.manualTime = builder.manualStart != null;
        this.start = manualTime ? builder.manualStart : Instant.now();
        this.meanTemperatureC = builder.meanTemperatureC;
        this.dailySwingC = builder.dailySwingC;
        this.noiseC = builder.noiseC;
        this.system = new SimulatedSystemSources(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A world in real time holding one of each supported chip at its default address on bus 1, plus a DS18B20 with
     * id {@value #DEFAULT_DS18B20_ID}: what the {@code simulated} provider starts with.
     */
    public static SimulatedWorld withDefaultDevices(long seed) {
        SimulatedWorld world = builder().seed(seed).build();
        world.attach(1, new SimBme280(world, SimBme280.DEFAULT_ADDRESS));
        world.attach(1, new SimSht31(world, SimSht31.DEFAULT_ADDRESS));
        world.attach(1, new SimAds1115(world, SimAds1115.DEFAULT_ADDRESS));
        world.attach(1, new SimBh1750(world, SimBh1750.DEFAULT_ADDRESS));
        world.attach(new SimDs18b20(DEFAULT_DS18B20_ID, world::airTemperatureC));
        return world;
    }

    public static final String DEFAULT_DS18B20_ID = "28-00000a1b2c3d";

    // ---- time ----

    @Override
    public synchronized Instant now() {
        return manualTime ? start.plusNanos(elapsedNanos) : Instant.now();
    }

    @Override
    public synchronized long nanoTime() {
        return manualTime ? elapsedNanos : System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) {
        if (manualTime) {
            advance(duration);
        } else {
            SystemHalClock.sleepInterruptibly(duration);
        }
    }

    /** Moves manual time forward. */
    public synchronized void advance(Duration duration) {
        if (!manualTime) {
            throw new IllegalStateException("this world runs in real time; build it with manualTime(..) to advance it");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + duration);
        }
        elapsedNanos += duration.toNanos();
    }

    // ---- physics ----

    /** Air temperature now, °C. */
    public double airTemperatureC() {
        return meanTemperatureC + dailySwingC * dayPhase() + gaussian(noiseC);
    }

    /** Relative humidity now, %: drier when warmer. */
    public double relativeHumidityPct() {
        double rh = 55.0 - 2.0 * dailySwingC * dayPhase() + gaussian(0.3);
        return Math.max(0.0, Math.min(100.0, rh));
    }

    /** Barometric pressure now, Pa: a slow three-day weather swing. */
    public double pressurePa() {
        double days = secondsSinceEpoch() / SECONDS_PER_DAY;
        return SEA_LEVEL_PA + 800.0 * Math.sin(2 * Math.PI * days / 3.0) + gaussian(2.0);
    }

    /** Illuminance now, lux: zero at night, a half-sine from 06:00 to 18:00 peaking at 30 klx. */
    public double illuminanceLux() {
        double hour = hourOfDay();
        if (hour < 6 || hour > 18) {
            return 0.0;
        }
        return Math.max(0.0, 30_000.0 * Math.sin(Math.PI * (hour - 6) / 12.0) + gaussian(5.0));
    }

    /** SoC temperature now, °C: ambient plus load heating. */
    public double socTemperatureC() {
        return airTemperatureC() + 22.0 + gaussian(0.5);
    }

    /** -1 at the coldest hour, +1 at the warmest. */
    private double dayPhase() {
        return Math.cos(2 * Math.PI * (hourOfDay() - WARMEST_HOUR) / 24.0);
    }

    private double hourOfDay() {
        return now().atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
    }

    private double secondsSinceEpoch() {
        return now().getEpochSecond();
    }

    private synchronized double gaussian(double sigma) {
        return random.nextGaussian() * sigma;
    }

    /** Uniform noise in [0, 1) from the world's seeded generator. */
    public synchronized double nextUniform() {
        return random.nextDouble();
    }

    // ---- devices ----

    /** Attaches an I2C chip to a bus; replaces any chip at the same address. */
    public void attach(int bus, SimI2cChip chip) {
        bus(bus).attach(chip);
    }

    public void detach(int bus, int address) {
        bus(bus).detach(address);
    }

    public SimI2cBus bus(int number) {
        return buses.computeIfAbsent(number, SimI2cBus::new);
    }

    public void attach(SimDs18b20 sensor) {
        oneWire.attach(sensor);
    }

    public SimOneWireBus oneWire() {
        return oneWire;
    }

    /** The simulated pin with this BCM number; tests drive inputs and inspect outputs through it. */
    public SimPin pin(int pin) {
        return pins.computeIfAbsent(pin, number -> new SimPin(number, this));
    }

    public SimPwm pwm(int channel) {
        return pwms.computeIfAbsent(channel, SimPwm::new);
    }

    public SimulatedSystemSources systemSources() {
        return system;
    }

    public static final class Builder {
        private long seed = 1L;
        private Instant manualStart;
        private double meanTemperatureC = DEFAULT_MEAN_TEMPERATURE_C;
        private double dailySwingC = DEFAULT_DAILY_SWING_C;
        private double noiseC = DEFAULT_NOISE_C;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Time starts at {@code start} and moves only through {@link #advance} and {@link #sleep}. */
        public Builder manualTime(Instant start) {
            this.manualStart = start;
            return this;
        }

        public Builder climate(double meanTemperatureC, double dailySwingC, double noiseC) {
            this.meanTemperatureC = meanTemperatureC;
            this.dailySwingC = dailySwingC;
            this.noiseC = noiseC;
            return this;
        }

        public SimulatedWorld build() {
            return new SimulatedWorld(this);
        }
    }
}
