package org.atiot.platform.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK {@link SSLContext}s from PEM text, for the local platform's servers and for clients that trust its CA. */
public final class TlsContexts {
    private static final char[] IN_MEMORY = new char[0];

    private TlsContexts() {
    }

    /**
     * A context that presents {@code certPem}/{@code keyPem} (as server, and as client certificate on outbound
     * server-to-server connections) and trusts only certificates issued by {@code trustedCaPem}.
     */
    public static SSLContext forServer(String certPem, String keyPem, String trustedCaPem) throws IOException {
        try {
            List<X509Certificate> chain = Pem.certificates(certPem);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("atiot", Pem.privateKey(keyPem), IN_MEMORY, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(trustedCaPem).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS server context: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts only certificates issued by {@code trustedCaPem}. */
    public static SSLContext forClient(String trustedCaPem) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(trustedCaPem).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(String caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : Pem.certificates(caPem)) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }
}
