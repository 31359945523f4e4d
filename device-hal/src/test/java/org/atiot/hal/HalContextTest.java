package org.atiot.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.atiot.hal.sim.SimulatedHalProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalContextTest {
    /** Verifies providers are chosen by short name and unknown names are rejected with the valid ones. */
    @Test
    void providersByName(@TempDir Path root) {
        try (HalContext sim = HalContext.open(HalConfig.builder().provider("Simulated").build())) {
            assertEquals("simulated", sim.provider().name());
            assertEquals(0x60, sim.i2cDevice(1, 0x76).readRegister(0xD0), "default world has a BME280");
        }
        try (HalContext linux = HalContext.open(HalConfig.builder().provider("linux").root(root).build())) {
            assertEquals("linux", linux.provider().name());
            assertTrue(linux.oneWireBus().deviceIds().isEmpty());
            assertThrows(UnsupportedHardwareException.class, () -> linux.gpioOutput(4, false));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HalConfig.builder().provider("wiringpi"));
        assertTrue(e.getMessage().contains("simulated, linux, pi4j"));
    }

    /** Verifies a pin can be claimed once, a failed open releases its claim, and close ends the context. */
    @Test
    void claimsAndClose() {
        HalContext hal = HalContext.of(new SimulatedHalProvider(HalConfig.builder().build()));
        hal.gpioOutput(4, false);
        assertThrows(ResourceInUseException.class, () -> hal.gpioInput(4, PullResistance.UP));
        assertThrows(IllegalArgumentException.class, () -> hal.i2cDevice(1, 0x80));
        hal.close();
        assertThrows(HalException.class, () -> hal.gpioOutput(5, false));
        hal.close(); // idempotent
    }

    /** Verifies a failed open does not keep the resource claimed. */
    @Test
    void failedOpenReleasesClaim(@TempDir Path root) {
        try (HalContext linux = HalContext.open(HalConfig.builder().provider("linux").root(root).build())) {
            assertThrows(UnsupportedHardwareException.class, () -> linux.pwmOutput(0, 1000));
            UnsupportedHardwareException again = assertThrows(UnsupportedHardwareException.class,
                    () -> linux.pwmOutput(0, 1000));
            assertTrue(again.getMessage().contains("dtoverlay=pwm-2chan"), again.getMessage());
        }
    }

    /** Verifies that running the simulated and linux providers never loads a Pi4J class (pi4j does). */
    @Test
    void pi4jIsNotLoadedUnlessConfigured() throws Exception {
        for (String provider : new String[] {"simulated", "linux"}) {
            String output = loadedClasses(provider, true);
            assertTrue(output.contains("org.atiot.hal.HalContext"), "class loading was listed");
            assertFalse(output.contains("com.pi4j"), provider + " loaded Pi4J");
        }
        // Control: the same probe sees Pi4J when it is configured (start-up may fail without a Pi; that is fine).
        assertTrue(loadedClasses("pi4j", false).contains("com.pi4j"));
    }

    private static String loadedClasses(String provider, boolean mustSucceed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), ProviderIsolationMain.class.getName(), provider)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        if (mustSucceed) {
            assertEquals(0, process.exitValue(), output.lines().filter(l -> !l.startsWith("[")).findFirst().orElse(""));
        }
        return output;
    }
}
