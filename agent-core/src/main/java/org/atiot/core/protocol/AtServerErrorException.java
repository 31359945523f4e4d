package org.atiot.core.protocol;

import java.io.IOException;

/**
 * The atServer answered {@code error:}; {@link #code()} is the AT error code (e.g. {@code AT0015}). Families the
 * agent decides on have their own subclasses; {@link #of} picks the right one.
 */
public class AtServerErrorException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String description;

    public AtServerErrorException(String code, String description) {
        super(code + ": " + description);
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The typed exception for an error code. */
    public static AtServerErrorException of(String code, String description) {
        switch (code) {
            case "AT0015": return new AtKeyNotFoundException(description);
            case "AT0401":
            case "AT0025":
            case "AT0026":
            case "AT0027":
            case "AT0028": return new AtAuthenticationException(code, description);
            case "AT0003": return new AtInvalidSyntaxException(description);
            case "AT0016": return new AtInvalidKeyException(description);
            case "AT0009": return new AtUnauthorizedException(description);
            case "AT0007": return new AtServerNotFoundException(description);
            default: return new AtServerErrorException(code, description);
        }
    }

    /** AT0015: the key does not exist. */
    public static final class AtKeyNotFoundException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtKeyNotFoundException(String description) {
            super("AT0015", description);
        }
    }

    /** AT0401 and the APKAM states AT0025 denied, AT0026 pending, AT0027 revoked, AT0028 expired or unknown. */
    public static final class AtAuthenticationException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtAuthenticationException(String code, String description) {
            super(code, description);
        }

        /** AT0026: the enrollment waits for approval; trying again later may succeed. */
        public boolean isPendingEnrollment() {
            return code().equals("AT0026");
        }
    }

    /** AT0003: the command did not match the verb's syntax. */
    public static final class AtInvalidSyntaxException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtInvalidSyntaxException(String description) {
            super("AT0003", description);
        }
    }

    /** AT0016: a key the server will not store (type or length). */
    public static final class AtInvalidKeyException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtInvalidKeyException(String description) {
            super("AT0016", description);
        }
    }

    /** AT0009: not allowed (protected key, namespace not enrolled, notifying as another atSign). */
    public static final class AtUnauthorizedException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtUnauthorizedException(String description) {
            super("AT0009", description);
        }
    }

    /** AT0007: the atDirectory does not know the other atSign. */
    public static final class AtServerNotFoundException extends AtServerErrorException {
        private static final long serialVersionUID = 1L;

        public AtServerNotFoundException(String description) {
            super("AT0007", description);
        }
    }
}
