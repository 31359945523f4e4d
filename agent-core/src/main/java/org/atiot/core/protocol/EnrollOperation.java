package org.atiot.core.protocol;

import java.util.Locale;

/** The APKAM {@code enroll:} operations a client uses. */
public enum EnrollOperation {
    REQUEST, APPROVE, DENY, REVOKE, LIST, FETCH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
