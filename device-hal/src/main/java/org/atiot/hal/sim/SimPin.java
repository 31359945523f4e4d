package org.atiot.hal.sim;

import org.atiot.hal.GpioInput;
import org.atiot.hal.HalException;

/** A simulated GPIO pin. Tests drive it as an input or read back what an output drove. */
public final class SimPin {
    private final int number;
    private final SimulatedWorld world;
    private boolean high;
    private boolean failing;
    private int writes;
    private volatile GpioInput.EdgeListener listener;

    SimPin(int number, SimulatedWorld world) {
        this.number = number;
        this.world = world;
    }

    public int number() {
        return number;
    }

    /** Drives the pin from outside (a switch, a PIR sensor); fires an edge if the level changes. */
    public void drive(boolean level) {
        boolean changed;
        synchronized (this) {
            changed = level != high;
            high = level;
        }
        GpioInput.EdgeListener current = listener;
        if (changed && current != null) {
            current.onEdge(level, world.nanoTime());
        }
    }

    public synchronized boolean isHigh() {
        return high;
    }

    /** How many times an output wrote this pin. */
    public synchronized int writes() {
        return writes;
    }

    /** Makes output writes fail, as a pin claimed by the kernel or a dead GPIO expander would. */
    public synchronized void failWrites(boolean fail) {
        this.failing = fail;
    }

    synchronized void write(boolean level) {
        if (failing) {
            throw new HalException("GPIO " + number + " could not be written; check that no other program or "
                    + "overlay owns the pin");
        }
        writes++;
        high = level;
    }

    void listener(GpioInput.EdgeListener listener) {
        this.listener = listener;
    }
}
