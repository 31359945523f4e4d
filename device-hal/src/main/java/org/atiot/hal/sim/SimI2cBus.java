package org.atiot.hal.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.hal.DeviceNotRespondingException;
import org.atiot.hal.I2cBus;
import org.atiot.hal.I2cDevice;

/** A simulated I2C bus. Addresses without a chip NACK, as on a real bus. */
public final class SimI2cBus implements I2cBus {
    private final int number;
    private final Map<Integer, SimI2cChip> chips = new ConcurrentHashMap<>();

    SimI2cBus(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public I2cDevice device(int address) {
        return new Device(address);
    }

    void attach(SimI2cChip chip) {
        chip.attachedTo(number);
        chips.put(chip.address(), chip);
    }

    void detach(int address) {
        chips.remove(address);
    }

    /** The chip at an address, for tests that inject faults. */
    public SimI2cChip chip(int address) {
        SimI2cChip chip = chips.get(address);
        if (chip == null) {
            throw new IllegalArgumentException(String.format("no simulated chip at 0x%02x on bus %d", address, number));
        }
        return chip;
    }

    /** Looks the chip up on every transfer, so detaching and re-attaching behave like unplugging. */
    private final class Device implements I2cDevice {
        private final int address;

        Device(int address) {
            this.address = address;
        }

        @Override
        public int bus() {
            return number;
        }

        @Override
        public int address() {
            return address;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            present().write(data, offset, length);
        }

        @Override
        public void read(byte[] buffer, int offset, int length) {
            present().read(buffer, offset, length);
        }

        private SimI2cChip present() {
            SimI2cChip chip = chips.get(address);
            if (chip == null) {
                throw DeviceNotRespondingException.i2c(number, address);
            }
            return chip;
        }

        @Override
        public void close() {
            // Nothing to release: the chip stays on the bus.
        }

        @Override
        public String toString() {
            return String.format("simulated I2C %d:0x%02x", number, address);
        }
    }
}
