package org.atiot.core.crypto;

import java.util.Base64;

/** Standard-alphabet, padded base64 as every atPlatform SDK uses it, with typed errors for bad text. */
public final class Base64s {
    private Base64s() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes {@code text}; {@code what} names the field for the error message. */
    public static byte[] decode(String text, String what) throws KeyFormatException {
        if (text == null) {
            throw new KeyFormatException(what + " is missing");
        }
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + " is not valid base64");
        }
    }
}
