package org.atiot.bench;

/** A JVM that does nothing: the footprint baseline. */
public final class Idle {
    private Idle() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
