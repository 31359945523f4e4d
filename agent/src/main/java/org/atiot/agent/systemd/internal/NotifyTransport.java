package org.atiot.agent.systemd.internal;

import java.util.List;
import org.atiot.agent.systemd.SdNotifyException;

/** Delivers one notification datagram, made of {@code KEY=value} assignments, to the notify socket. */
public interface NotifyTransport {

    /**
     * @param assignments validated {@code KEY=value} pairs without newlines, sent together as one datagram
     * @throws SdNotifyException if the datagram did not reach the socket
     */
    void send(List<String> assignments) throws SdNotifyException;
}
