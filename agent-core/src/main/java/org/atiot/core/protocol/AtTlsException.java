package org.atiot.core.protocol;

import java.io.IOException;

/** The TLS handshake with an atServer or atDirectory failed: untrusted certificate, wrong host name, bad clock. */
public class AtTlsException extends IOException {
    private static final long serialVersionUID = 1L;

    public AtTlsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The certificate looked "not yet valid" or "expired" while the system clock is obviously unset (a Pi without a
     * real-time clock before NTP sync). Retrying once the clock is set will succeed.
     */
    public static final class AtClockException extends AtTlsException {
        private static final long serialVersionUID = 1L;

        public AtClockException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
