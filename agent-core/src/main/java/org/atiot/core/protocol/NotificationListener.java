package org.atiot.core.protocol;

/** Receives what arrives on a connection besides responses. Called on the connection's reader thread: be quick. */
public interface NotificationListener {
    void onNotification(Notification notification);

    /** A {@code notification:} line that could not be parsed; the connection stays up. */
    default void onMalformedNotification(AtProtocolException problem) {
    }

    /** The connection ended; {@code cause} is {@code null} for a clean close. */
    default void onClosed(Exception cause) {
    }

    NotificationListener NONE = n -> { };
}
