package org.atiot.core.crypto;

import java.security.SecureRandom;

/** The process-wide source of key and IV randomness (one instance: seeding is the expensive part). */
public final class SecureRandoms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureRandoms() {
    }

    public static SecureRandom get() {
        return RANDOM;
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
