package org.atiot.sensors;

import java.time.Instant;
import org.atiot.hal.HalContext;
import org.atiot.hal.sim.SimulatedHalProvider;
import org.atiot.hal.sim.SimulatedWorld;

/** A simulated world in manual time at a fixed noon, and a HAL context over it. */
public final class SimFixture implements AutoCloseable {
    public static final Instant NOON = Instant.parse("2026-06-21T12:00:00Z");

    public final SimulatedWorld world;
    public final HalContext hal;

    public SimFixture(long seed) {
        this.world = SimulatedWorld.builder().seed(seed).manualTime(NOON).build();
        this.hal = HalContext.of(new SimulatedHalProvider(world));
    }

    @Override
    public void close() {
        hal.close();
    }
}
