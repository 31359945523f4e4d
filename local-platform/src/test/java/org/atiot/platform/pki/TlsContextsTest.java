package org.atiot.platform.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes over loopback with hostname verification on, as the agent connects. */
class TlsContextsTest {
    private static LocalCa ca;
    private static IssuedCertificate localhost;
    private static final ExecutorService SERVER = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void issue() {
        ca = LocalCa.create("atiot test CA");
        localhost = ca.issue("localhost", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
    }

    @AfterAll
    static void stop() {
        SERVER.shutdownNow();
    }

    @Test
    void clientTrustingTheCaConnectsToLocalhost() throws Exception {
        assertEquals("@", handshake(TlsContexts.forClient(ca.certificatePem()), "localhost"));
    }

    @Test
    void wrongHostNameIsRefused() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> handshake(TlsContexts.forClient(ca.certificatePem()), "127.0.0.2"));
        assertTrue(e.getMessage().contains("127.0.0.2"), e.getMessage());
    }

    @Test
    void untrustedCaIsRefused() {
        LocalCa other = LocalCa.create("someone else");
        assertThrows(SSLHandshakeException.class,
                () -> handshake(TlsContexts.forClient(other.certificatePem()), "localhost"));
    }

    @Test
    void writtenCaLoadsBackAndKeysAreOwnerOnly(@TempDir Path dir) throws Exception {
        ca.writeTo(dir.resolve("ca.pem"), dir.resolve("ca.key"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))));
        LocalCa loaded = LocalCa.load(dir.resolve("ca.pem"), dir.resolve("ca.key"));
        IssuedCertificate fromLoaded = loaded.issue("localhost", List.of("localhost"), Duration.ofDays(1));
        fromLoaded.writeTo(dir.resolve("server.pem"), dir.resolve("server.key"));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key"))));
        assertTrue(Pem.certificates(fromLoaded.certificatePem()).get(0).getIssuerX500Principal().getName()
                .contains("atiot test CA"));
    }

    /** Connects to a TLS server presenting the localhost certificate, addressed as {@code host}. */
    private static String handshake(SSLContext client, String host) throws Exception {
        SSLContext serverContext = TlsContexts.forServer(localhost.certificatePem(), localhost.privateKeyPem(),
                ca.certificatePem());
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> accepted = SERVER.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write('@');
                    out.flush();
                    s.getInputStream().read();
                }
                return null;
            });
            try (java.net.Socket tcp = new java.net.Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                tcp.setSoTimeout(5000);
                // Layer TLS over the loopback connection, checking the certificate against the name `host`.
                SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(tcp, host, server.getLocalPort(), true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                InputStream in = tls.getInputStream();
                String greeting = String.valueOf((char) in.read());
                tls.getOutputStream().write('\n');
                tls.getOutputStream().flush();
                accepted.get(5, TimeUnit.SECONDS);
                return greeting;
            } finally {
                accepted.cancel(true);
            }
        }
    }
}
