package org.atiot.hal.sim;

import java.util.EnumSet;
import java.util.Set;
import org.atiot.hal.BusTimeoutException;
import org.atiot.hal.DeviceNotRespondingException;

/**
 * A chip on a simulated I2C bus, modelled at the level of bytes on the wire: subclasses see each write transfer
 * and fill each read transfer, exactly as the silicon would. Fault injection is handled here.
 */
public abstract class SimI2cChip {
    /** Bus timeout the simulated bus reports for {@link SimFault#SLOW_BUS}. */
    public static final int BUS_TIMEOUT_MS = 100;

    protected final SimulatedWorld world;
    private final int address;
    private final Set<SimFault> faults = EnumSet.noneOf(SimFault.class);
    private int busNumber = -1;

    protected SimI2cChip(SimulatedWorld world, int address) {
        this.world = world;
        this.address = address;
    }

    public final int address() {
        return address;
    }

    public final synchronized void inject(SimFault fault) {
        faults.add(fault);
    }

    /** Clears a fault; clearing {@link SimFault#UNPLUGGED} powers the chip up from reset. */
    public final synchronized void clear(SimFault fault) {
        if (faults.remove(fault) && fault == SimFault.UNPLUGGED) {
            powerOnReset();
        }
    }

    public final synchronized void clearAll() {
        Set<SimFault> active = EnumSet.noneOf(SimFault.class);
        active.addAll(faults);
        active.forEach(this::clear);
    }

    public final synchronized boolean has(SimFault fault) {
        return faults.contains(fault);
    }

    final synchronized void write(byte[] data, int offset, int length) {
        checkReachable();
        onWrite(data, offset, length);
    }

    final synchronized void read(byte[] buffer, int offset, int length) {
        checkReachable();
        onRead(buffer, offset, length);
    }

    void attachedTo(int bus) {
        this.busNumber = bus;
    }

    private void checkReachable() {
        if (faults.contains(SimFault.NACK) || faults.contains(SimFault.UNPLUGGED)) {
            throw DeviceNotRespondingException.i2c(busNumber, address);
        }
        if (faults.contains(SimFault.SLOW_BUS)) {
            throw new BusTimeoutException(String.format("I2C bus %d: transfer to 0x%02x timed out after %d ms; check "
                    + "pull-up resistors and cable length, or lower the bus speed", busNumber, address, BUS_TIMEOUT_MS));
        }
    }

    /** A write transfer from the master: usually a register pointer, optionally followed by data. */
    protected abstract void onWrite(byte[] data, int offset, int length);

    /** A read transfer: fill {@code length} bytes. A chip with nothing to say may throw a NACK. */
    protected abstract void onRead(byte[] buffer, int offset, int length);

    /** Returns every register to its power-on value. */
    protected abstract void powerOnReset();

    /** Throws the NACK a chip gives when it has no data ready to be read. */
    protected final DeviceNotRespondingException nack() {
        return DeviceNotRespondingException.i2c(busNumber, address);
    }
}
