package org.atiot.hal.sim;

import java.util.function.DoubleSupplier;

/**
 * ROHM BH1750FVI at the opcode level: power down/on, reset, continuous and one-time modes at H, H2 and L
 * resolution, and the measurement-time register (MTreg, 31..254, default 69). The counts follow the datasheet:
 * {@code count = lux × 1.2 × (MTreg / 69)} (twice that in H-resolution mode 2), saturating at 65535.
 */
public final class SimBh1750 extends SimI2cChip {
    public static final int DEFAULT_ADDRESS = 0x23;
    public static final int DEFAULT_MTREG = 69;

    private final DoubleSupplier lux;
    private boolean poweredOn;
    private int mode;
    private int mtreg;
    private int mtHigh;
    private int count;
    private long readyAt;
    private boolean oneTimeInProgress;

    public SimBh1750(SimulatedWorld world, int address) {
        this(world, address, world::illuminanceLux);
    }

    public SimBh1750(SimulatedWorld world, int address, DoubleSupplier lux) {
        super(world, address);
        this.lux = lux;
        powerOnReset();
    }

    @Override
    protected void onWrite(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            command(data[i] & 0xFF);
        }
    }

    @Override
    protected void onRead(byte[] buffer, int offset, int length) {
        if (world.nanoTime() >= readyAt && mode != 0) {
            if (!has(SimFault.STUCK_VALUE) || count == 0) {
                count = measure();
            }
            if (oneTimeInProgress) {
                oneTimeInProgress = false;
                poweredOn = false; // one-time modes power down after the measurement
                mode = 0;
            }
        }
        buffer[offset] = (byte) (count >> 8);
        if (length > 1) {
            buffer[offset + 1] = (byte) count;
        }
    }

    @Override
    protected void powerOnReset() {
        poweredOn = false;
        mode = 0;
        mtreg = DEFAULT_MTREG;
        count = 0;
        oneTimeInProgress = false;
    }

    private void command(int opcode) {
        if (opcode == 0x00) {
            poweredOn = false;
        } else if (opcode == 0x01) {
            poweredOn = true;
        } else if (opcode == 0x07) {
            if (poweredOn) {
                count = 0; // reset clears the data register only when powered on
            }
        } else if ((opcode & 0xF8) == 0x40) {
            mtHigh = opcode & 0x07;
        } else if ((opcode & 0xE0) == 0x60) {
            int value = (mtHigh << 5) | (opcode & 0x1F);
            if (value >= 31 && value <= 254) {
                mtreg = value;
            }
        } else if (opcode == 0x10 || opcode == 0x11 || opcode == 0x13 || opcode == 0x20 || opcode == 0x21
                || opcode == 0x23) {
            poweredOn = true;
            mode = opcode;
            oneTimeInProgress = opcode >= 0x20;
            readyAt = world.nanoTime() + measurementNanos(opcode);
        } else {
            throw nack();
        }
    }

    private long measurementNanos(int opcode) {
        boolean low = (opcode & 0x0F) == 0x03;
        double baseMs = low ? 24.0 : 180.0; // datasheet maximum at MTreg 69
        return (long) (baseMs * mtreg / DEFAULT_MTREG * 1_000_000L);
    }

    private int measure() {
        double counts = lux.getAsDouble() * 1.2 * mtreg / DEFAULT_MTREG;
        if ((mode & 0x0F) == 0x01) {
            counts *= 2.0; // H-resolution mode 2 counts half-lux steps
        } else if ((mode & 0x0F) == 0x03) {
            counts = Math.floor(counts / 4.0) * 4.0; // L-resolution: 4 lx steps
        }
        return (int) Math.max(0, Math.min(65535, Math.round(counts)));
    }
}
