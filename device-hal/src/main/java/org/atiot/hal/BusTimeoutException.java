package org.atiot.hal;

/** A bus transfer did not complete in time: a slow or stuck bus (clock stretching, missing pull-ups). */
public class BusTimeoutException extends HalException {
    private static final long serialVersionUID = 1L;

    public BusTimeoutException(String message) {
        super(message);
    }
}
