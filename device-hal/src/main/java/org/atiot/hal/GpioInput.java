package org.atiot.hal;

/** A digital input pin (BCM numbering) that reports its level and every edge. */
public interface GpioInput extends AutoCloseable {
    /** Called on each raw (not debounced) level change, on a provider thread; keep it short. */
    @FunctionalInterface
    interface EdgeListener {
        void onEdge(boolean high, long nanoTime);
    }

    int pin();

    boolean isHigh();

    /** Sets the single edge listener, replacing any earlier one; {@code null} removes it. */
    void setEdgeListener(EdgeListener listener);

    @Override
    void close();
}
