package org.atiot.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.util.ArrayList;
import java.util.List;
import org.atiot.hal.GpioInput;
import org.atiot.hal.GpioOutput;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalContext;
import org.atiot.hal.I2cDevice;
import org.atiot.hal.PullResistance;
import org.atiot.hal.PwmOutput;
import org.atiot.hal.ResourceInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atiot.hal.HalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The Pi4J adapter over Pi4J's mock plugin: as far as the mocks go (GPIO levels, a loopback I2C, PWM). */
class Pi4jHalProviderTest {
    private final Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                    MockI2CProvider.newInstance(), MockPwmProvider.newInstance())
            .build();
    private final HalContext hal = HalContext.of(new Pi4jHalProvider(pi4j, HalClock.system(),
            HalConfig.builder().provider("pi4j").build()));

    @AfterEach
    void close() {
        hal.close();
    }

    /** Verifies the provider is wired by name and that missing hardware is a typed, explained error. */
    @Test
    void byNameWithoutHardware(@TempDir Path root) {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/gpiochip0")), "runs only where there is no GPIO chip");
        try (HalContext real = HalContext.open(HalConfig.builder().provider("pi4j").root(root).build())) {
            assertEquals("pi4j", real.provider().name());
            assertTrue(real.oneWireBus().deviceIds().isEmpty());
            HalException e = assertThrows(HalException.class, () -> real.gpioOutput(17, false));
            assertTrue(e.getMessage().contains("config.txt"), e.getMessage());
            HalException again = assertThrows(HalException.class, () -> real.gpioOutput(17, false));
            assertFalse(again instanceof ResourceInUseException, "the failed open released pin 17");
        }
    }

    /** Verifies outputs start at the initial level and follow writes. */
    @Test
    void digitalOutput() {
        GpioOutput relay = hal.gpioOutput(17, true);
        assertTrue(relay.isHigh());
        relay.set(false);
        assertFalse(relay.isHigh());
        assertEquals(17, relay.pin());
        assertThrows(ResourceInUseException.class, () -> hal.gpioInput(17, PullResistance.UP));
    }

    /** Verifies input edges from Pi4J reach our listener with the level. */
    @Test
    void digitalInputEdges() {
        GpioInput button = hal.gpioInput(5, PullResistance.UP);
        List<Boolean> edges = new ArrayList<>();
        button.setEdgeListener((high, nanos) -> edges.add(high));
        MockDigitalInput mock = pi4j.io("gpio-in-5", MockDigitalInput.class);
        mock.mockState(DigitalState.HIGH);
        mock.mockState(DigitalState.LOW);
        assertEquals(List.of(true, false), edges);
        assertFalse(button.isHigh());
    }

    /** Verifies register writes and reads go through Pi4J's I2C (the mock is a per-register loopback). */
    @Test
    void i2cRegisters() {
        I2cDevice device = hal.i2cDevice(1, 0x76);
        device.writeRegister(0xF4, 0x27);
        assertEquals(0x27, device.readRegister(0xF4));
        assertEquals(0x76, device.address());
        assertEquals(1, device.bus());
    }

    /** Verifies PWM duty and frequency reach the channel. */
    @Test
    void pwm() {
        PwmOutput fan = hal.pwmOutput(0, 25_000);
        fan.set(40, 25_000);
        assertEquals(40.0, fan.dutyPercent(), 0.01);
        assertEquals(25_000, fan.frequencyHz());
    }
}
