package org.atiot.platform.server.internal;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.protocol.HostAndPort;

/** {@code from}, {@code cram}, {@code pkam} and {@code pol} (wire reference §3). */
final class AuthVerbs {
    static final String PKAM_KEY = "privatekey:at_pkam_publickey";
    static final String CRAM_KEY = "privatekey:at_secret";
    private static final Pattern FROM =
            Router.regex("^from:(?<atSign>@?[^:@\\s]+)(:clientConfig:(?<clientConfig>\\{.+\\}))?$");
    private static final Pattern CRAM = Router.regex("^cram:(?<digest>.+$)");
    private static final Pattern PKAM = Router.regex("^pkam:(signingAlgo:(?<signingAlgo>ecc_secp256r1|rsa2048):)?"
            + "(hashingAlgo:(?<hashingAlgo>sha256|sha512):)?(enrollmentId:(?<enrollmentId>.+):)?(?<signature>.+$)");
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+).*");

    private final ServerContext ctx;

    AuthVerbs(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply from(String command, Session s) throws ServerError {
        Matcher m = Router.match(FROM, command, "from:@alice");
        String claimed;
        try {
            claimed = AtSign.of(m.group("atSign")).toString();
        } catch (IllegalArgumentException e) {
            throw ServerError.closing("AT0011", "invalid @sign: " + e.getMessage());
        }
        s.jsonErrors = m.group("clientConfig") != null && wantsJsonErrors(m.group("clientConfig"));
        s.auth = Session.Auth.NONE;
        s.viaCram = false;
        s.enrollmentId = null;
        s.namespaces = null;
        s.claimedAtSign = claimed;
        s.challenge = UUID.randomUUID().toString();
        if (claimed.equals(ctx.owner)) {
            return Reply.data(s.sessionId + claimed + ":" + s.challenge);
        }
        checkPeerCertificate(claimed, s);
        return Reply.data("proof:" + s.sessionId + claimed + ":" + s.challenge);
    }

    Reply cram(String command, Session s) throws ServerError {
        Matcher m = Router.match(CRAM, command, "cram:<digest>");
        requireOwnChallenge(s);
        StoredKey secret = ctx.keys.get(CRAM_KEY);
        String expected = secret == null || secret.value == null ? null
                : Digests.cramDigest(secret.value, s.sessionId + s.claimedAtSign + ":" + s.challenge);
        s.challenge = null; // one attempt per challenge
        if (expected == null || !constantTimeEquals(expected, m.group("digest").trim().toLowerCase(Locale.ROOT))) {
            throw ServerError.of("AT0401", "Authentication Failed");
        }
        s.auth = Session.Auth.OWNER;
        s.viaCram = true;
        return Reply.data("success");
    }

    Reply pkam(String command, Session s) throws ServerError {
        Matcher m = Router.match(PKAM, command, "pkam:signingAlgo:rsa2048:hashingAlgo:sha256:<signature>");
        requireOwnChallenge(s);
        String challenge = s.sessionId + s.claimedAtSign + ":" + s.challenge;
        if ("ecc_secp256r1".equalsIgnoreCase(m.group("signingAlgo"))) {
            throw ServerError.of("AT0401", "pkam authentication failed: ecc_secp256r1 keys are not supported here");
        }
        HashAlgorithm hash = m.group("hashingAlgo") == null ? HashAlgorithm.SHA256
                : HashAlgorithm.fromWireName(m.group("hashingAlgo").toLowerCase(Locale.ROOT));
        String enrollmentId = m.group("enrollmentId");
        RsaPublicKey key;
        Map<String, String> namespaces = null;
        if (enrollmentId != null) {
            Enrollment e = Enrollment.require(ctx, enrollmentId);
            key = e.apkamPublicKey();
            namespaces = e.namespaces();
        } else {
            StoredKey stored = ctx.keys.get(PKAM_KEY);
            if (stored == null || stored.value == null) {
                throw ServerError.keyNotFound(PKAM_KEY);
            }
            key = publicKey(stored.value);
        }
        String signature = m.group("signature");
        if (!isBase64(signature)) {
            throw ServerError.closing("AT0011", "Exception: invalid pkam signature encoding");
        }
        if (!key.verify(challenge, signature, hash)) {
            throw ServerError.of("AT0401", "pkam authentication failed");
        }
        s.challenge = null;
        s.auth = Session.Auth.OWNER;
        s.enrollmentId = enrollmentId;
        s.namespaces = namespaces;
        return Reply.data("success");
    }

    /**
     * {@code pol}: proves the peer server is who its {@code from:} claimed by reading the proof record it
     * published and verifying it with its signing key (wire reference §3.4).
     */
    Reply pol(String command, Session s) throws ServerError {
        if (!command.equalsIgnoreCase("pol")) {
            throw ServerError.invalidCommand();
        }
        if (s.claimedAtSign == null || s.claimedAtSign.equals(ctx.owner) || s.challenge == null) {
            throw ServerError.closing("AT0011", "pol without a preceding from: of another atSign");
        }
        String peer = s.claimedAtSign;
        String challenge = s.challenge;
        s.challenge = null;
        try (RemoteConnection c = ctx.remote.anonymous(peer)) {
            String signature = c.request("lookup:" + s.sessionId + peer);
            RsaPublicKey signingKey = publicKey(c.request("lookup:signing_publickey" + peer));
            if (!signingKey.verify(challenge, signature, HashAlgorithm.SHA256)) {
                throw ServerError.of("AT0401", "Pol Authentication Failed");
            }
        } catch (IOException e) {
            throw ServerError.of("AT0401", "Pol Authentication Failed: " + e.getMessage());
        } catch (ServerError e) {
            throw "AT0401".equals(e.code()) ? e : ServerError.of("AT0401", "Pol Authentication Failed");
        }
        s.auth = Session.Auth.POL;
        s.polAtSign = peer;
        return Reply.raw(peer + "@");
    }

    /** A server claiming another atSign must present a certificate for the host the directory names for it. */
    private void checkPeerCertificate(String claimed, Session s) throws ServerError {
        HostAndPort where;
        try {
            where = ctx.remote.locate(claimed);
        } catch (ServerError e) {
            throw ServerError.of("AT0401", "Certificate Verification Failed");
        }
        Certificate[] chain = s.peerCertificates;
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)
                || !names(chain[0]).contains(where.host().toLowerCase(Locale.ROOT))) {
            throw ServerError.of("AT0401", "Certificate Verification Failed");
        }
    }

    private static String names(Certificate c) {
        X509Certificate x = (X509Certificate) c;
        StringBuilder sb = new StringBuilder(x.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT));
        try {
            if (x.getSubjectAlternativeNames() != null) {
                for (List<?> san : x.getSubjectAlternativeNames()) {
                    sb.append(' ').append(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            // subject only
        }
        return sb.toString();
    }

    private static void requireOwnChallenge(Session s) throws ServerError {
        if (s.challenge == null || s.claimedAtSign == null) {
            throw ServerError.of("AT0401", "from: must come first");
        }
    }

    private static RsaPublicKey publicKey(String base64) throws ServerError {
        try {
            return RsaPublicKey.fromBase64(base64.trim());
        } catch (KeyFormatException e) {
            throw ServerError.of("AT0011", "stored public key is unusable: " + e.getMessage());
        }
    }

    private static boolean wantsJsonErrors(String clientConfig) {
        try {
            Object v = Json.parseObject(clientConfig).get("version");
            Matcher m = v == null ? null : VERSION.matcher(String.valueOf(v));
            if (m == null || !m.matches()) {
                return false;
            }
            int[] version = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            int[] threshold = {3, 0, 37};
            for (int i = 0; i < 3; i++) {
                if (version[i] != threshold[i]) {
                    return version[i] > threshold[i];
                }
            }
            return false;
        } catch (JsonException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBase64(String s) {
        return s.matches("[A-Za-z0-9+/]+={0,2}");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
