package org.atiot.agent.runtime;

import org.atiot.agent.scheduler.Sample;

/**
 * Readings that arrive by themselves (e.g. from an MQTT broker) rather than being polled. A source delivers on its
 * own threads; the agent only queues what it gets, so a slow or flooding source never holds up the sensor loop.
 */
public interface ReadingSource extends AutoCloseable {
    /** Where a source hands its readings. Never blocks. */
    @FunctionalInterface
    interface Sink {
        void accept(String sensorId, Sample sample);
    }

    /** Starts delivering to {@code sink}; called once, after the agent's link and sensors are up. */
    void start(Sink sink);

    /** Stops delivering; nothing reaches the sink afterwards. */
    @Override
    void close();
}
