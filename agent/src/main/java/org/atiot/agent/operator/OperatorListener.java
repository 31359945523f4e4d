package org.atiot.agent.operator;

import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.core.AtSign;

/** What an operator session hears; called on the session's reader thread. */
public interface OperatorListener {
    /** A decrypted telemetry batch, with the readings not seen before and any gaps or duplicates. */
    default void onTelemetry(AtSign device, SequenceReport report) {
    }

    /** A decrypted acknowledgement of a command. */
    default void onAck(AtSign device, CommandAck ack) {
    }

    /** A notification that claimed to be ours but could not be decrypted or decoded. */
    default void onUnreadable(AtSign from, String notificationId, String problem) {
    }

    /** The connection ended. */
    default void onClosed(Exception cause) {
    }
}
