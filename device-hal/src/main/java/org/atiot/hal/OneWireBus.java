package org.atiot.hal;

import java.util.List;

/** The kernel's 1-Wire bus (w1-gpio overlay), seen through its device directory. */
public interface OneWireBus {
    /** Ids of the slaves present, such as {@code 28-0316a2796aff}, sorted. */
    List<String> deviceIds();

    /**
     * Reads a slave's {@code w1_slave} file; for a DS18B20 this triggers a conversion (about 750 ms).
     *
     * @throws DeviceNotFoundException when the slave is not (or no longer) present
     */
    String readSlave(String deviceId);
}
