package org.atiot.platform.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text for certificates and PKCS#8 private keys, converted to the JDK types that JSSE needs. */
public final class Pem {
    private static final String CERT = "CERTIFICATE";
    private static final String KEY = "PRIVATE KEY";

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static String certificate(byte[] der) {
        return encode(CERT, der);
    }

    static String privateKey(byte[] pkcs8Der) {
        return encode(KEY, pkcs8Der);
    }

    /** Every certificate in {@code pem}, in order. */
    public static List<X509Certificate> certificates(String pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, CERT)) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("not a valid X.509 certificate in PEM: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException("no '-----BEGIN CERTIFICATE-----' block found");
        }
        return out;
    }

    /** The PKCS#8 RSA private key in {@code pem}. */
    public static PrivateKey privateKey(String pem) throws IOException {
        List<byte[]> keys = blocks(pem, KEY);
        if (keys.size() != 1) {
            throw new IOException("expected exactly one '-----BEGIN PRIVATE KEY-----' block, found " + keys.size());
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
        } catch (GeneralSecurityException e) {
            throw new IOException("not a PKCS#8 RSA private key", e);
        }
    }

    static List<byte[]> blocks(String pem, String type) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = pem.indexOf(begin, from);
            if (b < 0) {
                return out;
            }
            int e = pem.indexOf(end, b);
            if (e < 0) {
                throw new IOException("PEM block '" + type + "' is not terminated");
            }
            try {
                out.add(Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e)));
            } catch (IllegalArgumentException bad) {
                throw new IOException("PEM block '" + type + "' is not valid base64");
            }
            from = e + end.length();
        }
    }
}
