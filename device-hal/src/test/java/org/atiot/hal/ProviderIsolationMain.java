package org.atiot.hal;

/** Opens the simulated provider by name and uses it; run in a child JVM that lists loaded classes. */
public final class ProviderIsolationMain {
    private ProviderIsolationMain() {}

    public static void main(String[] args) {
        try (HalContext hal = HalContext.open(HalConfig.builder().provider(args[0]).build())) {
            hal.systemSources().thermalZones();
            hal.oneWireBus().deviceIds();
            if (args[0].equals("simulated")) {
                hal.i2cDevice(1, 0x76).readRegister(0xD0);
            }
        }
    }
}
