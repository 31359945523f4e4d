package org.atiot.core.protocol;

import java.io.IOException;

/** The peer sent something that fits no form of the protocol; the message quotes (a sanitised part of) it. */
public class AtProtocolException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final int QUOTE_LIMIT = 120;

    public AtProtocolException(String message) {
        super(message);
    }

    /** Printable, bounded copy of peer text for an error message. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < QUOTE_LIMIT; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.append(text.length() > QUOTE_LIMIT ? "...'" : "'").toString();
    }
}
