package org.atiot.platform.server.internal;

import java.security.cert.Certificate;
import java.util.Map;
import java.util.UUID;

/** The state of one inbound connection: who it claims to be, how it authenticated, what it may touch. */
final class Session {
    enum Auth { NONE, OWNER, POL }

    final String sessionId = "_" + UUID.randomUUID();
    final Certificate[] peerCertificates;
    Auth auth = Auth.NONE;
    /** The atSign named by the last {@code from:}, with its {@code @}. */
    String claimedAtSign;
    String challenge;
    /** For POL: the atSign the peer server proved to be. */
    String polAtSign;
    boolean jsonErrors;
    /** Authenticated with the CRAM secret: the onboarding connection, whose enroll requests are auto-approved. */
    boolean viaCram;
    /** APKAM: the enrollment this connection authenticated with, and its namespace rights ({@code r}/{@code rw}). */
    String enrollmentId;
    Map<String, String> namespaces;
    int enrollRequests;
    long enrollWindowStart;

    Session(Certificate[] peerCertificates) {
        this.peerCertificates = peerCertificates;
    }

    boolean isOwner() {
        return auth == Auth.OWNER;
    }

    /** The prompt after a response (wire reference §2.2). */
    String prompt(String ownAtSign) {
        switch (auth) {
            case OWNER:
                return ownAtSign + "@";
            case POL:
                return polAtSign + "@";
            default:
                return "@";
        }
    }

    /** Namespace access for APKAM connections; full access for PKAM/CRAM ones (wire reference §5). */
    boolean mayAccess(String namespace, boolean write) {
        if (enrollmentId == null) {
            return true;
        }
        String star = namespaces.get("*");
        if (star != null && (!write || "rw".equals(star))) {
            return true;
        }
        if (namespace == null) {
            return false;
        }
        String right = namespaces.get(namespace);
        return right != null && (!write || "rw".equals(right));
    }
}
