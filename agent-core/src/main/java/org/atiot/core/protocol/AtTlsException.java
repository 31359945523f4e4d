package org.atiot.core.protocol;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Year;
import javax.net.ssl.SSLException;

/** The TLS handshake with an atServer or atDirectory failed: untrusted certificate, wrong host name, bad clock. */
public class AtTlsException extends IOException {
    private static final long serialVersionUID = 1L;
    /** A clock before this year is unset (the software did not exist yet), e.g. a Pi without RTC before NTP. */
    private static final int CLOCK_PLAUSIBLE_FROM_YEAR = 2024;

    public AtTlsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Explains a failed handshake with {@code address} in terms an operator can act on. */
    public static AtTlsException of(HostAndPort address, SSLException e) {
        // Before any certificate in use was issued, every check fails: "not yet valid", or (when even the CA is not
        // valid yet) "unable to find valid certification path". Either way the clock, not the server, is wrong.
        if (Year.now().getValue() < CLOCK_PLAUSIBLE_FROM_YEAR && isCertificateCheck(e)) {
            return new AtClockException("TLS to " + address + " failed because the system clock is not set (it says "
                    + Year.now() + "); will work once the time is synchronised", e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
            return new AtTlsException("the certificate of " + address + " is not valid for host name "
                    + address.host() + ": " + m, e);
        }
        if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
            return new AtTlsException("the certificate of " + address + " is not issued by a trusted CA"
                    + " (add the platform's CA file for a local platform)", e);
        }
        return new AtTlsException("TLS handshake with " + address + " failed: " + m, e);
    }

    private static boolean isCertificateCheck(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
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
