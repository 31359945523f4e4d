package org.atiot.agent.commands;

/** Writes whole numbers without a fraction, so a relay command reads {@code "value":1} rather than {@code 1.0}. */
final class JsonNumbers {
    private JsonNumbers() {
    }

    static Number compact(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d;
        }
        return d;
    }
}
