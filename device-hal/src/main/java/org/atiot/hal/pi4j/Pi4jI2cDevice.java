package org.atiot.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.util.function.IntSupplier;
import org.atiot.hal.DeviceNotRespondingException;
import org.atiot.hal.I2cDevice;

/**
 * An I2C device through Pi4J. Register reads use Pi4J's combined write-read, so the register pointer and the
 * data travel with a repeated start, as most datasheets ask. A short or failed transfer is reported as a NACK.
 */
final class Pi4jI2cDevice implements I2cDevice {
    private final Context context;
    private final I2C i2c;

    Pi4jI2cDevice(Context context, I2C i2c) {
        this.context = context;
        this.i2c = i2c;
    }

    @Override
    public int bus() {
        return i2c.bus();
    }

    @Override
    public int address() {
        return i2c.device();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        check(run(() -> i2c.write(data, offset, length)), length);
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        check(run(() -> i2c.read(buffer, offset, length)), length);
    }

    @Override
    public void readBlock(int register, byte[] buffer, int offset, int length) {
        check(run(() -> i2c.readRegister(register, buffer, offset, length)), length);
    }

    @Override
    public void writeRegister(int register, int value) {
        if (run(() -> i2c.writeRegister(register, (byte) value)) < 0) {
            throw DeviceNotRespondingException.i2c(bus(), address());
        }
    }

    private int run(IntSupplier transfer) {
        try {
            return transfer.getAsInt();
        } catch (Pi4JException | IllegalStateException e) {
            throw new DeviceNotRespondingException(DeviceNotRespondingException.i2c(bus(), address()).getMessage(), e);
        }
    }

    private void check(int transferred, int expected) {
        if (transferred < expected) {
            throw DeviceNotRespondingException.i2c(bus(), address());
        }
    }

    @Override
    public void close() {
        context.shutdown(i2c.id());
    }
}
