package org.atiot.platform.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.atiot.core.AtSign;
import org.atiot.core.protocol.DirectoryClient;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.platform.pki.IssuedCertificate;
import org.atiot.platform.pki.LocalCa;
import org.atiot.platform.pki.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The atDirectory over real TLS: the production client, and the exact bytes on the wire. */
class AtDirectoryServerTest {
    private static SSLContext clientTls;
    private static AtDirectoryServer directory;

    @BeforeAll
    static void start() throws Exception {
        LocalCa ca = LocalCa.create("directory test CA");
        IssuedCertificate cert = ca.issue("localhost", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        clientTls = TlsContexts.forClient(ca.certificatePem());
        directory = AtDirectoryServer.start(DirectoryConfig.builder(
                TlsContexts.forServer(cert.certificatePem(), cert.privateKeyPem(), ca.certificatePem()))
                .secondMissDelay(Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(5)).build());
        directory.register(AtSign.of("@pi01"), "localhost", 6465);
        directory.register(AtSign.of("@alice"), "localhost", 6466);
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static DirectoryClient client(Clock clock) {
        return new DirectoryClient(new HostAndPort("localhost", directory.port()), clientTls, Duration.ofMinutes(1),
                Duration.ofSeconds(5), clock);
    }

    @Test
    void clientFindsRegisteredAtSignsAndNullForUnknown() throws Exception {
        DirectoryClient client = client(Clock.systemUTC());
        assertEquals(Optional.of(new HostAndPort("localhost", 6465)), client.lookup(AtSign.of("@PI01")));
        assertEquals(Optional.empty(), client.lookup(AtSign.of("@nobody")));
    }

    @Test
    void clientCachesUntilTheTtlExpires() throws Exception {
        MutableClock clock = new MutableClock();
        DirectoryClient client = client(clock);
        AtSign moving = AtSign.of("@moving");
        directory.register(moving, "localhost", 7000);
        assertEquals(7000, client.lookup(moving).orElseThrow().port());
        directory.register(moving, "localhost", 7001);
        assertEquals(7000, client.lookup(moving).orElseThrow().port(), "served from the cache");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertEquals(7001, client.lookup(moving).orElseThrow().port(), "asked again after the TTL");
    }

    @Test
    void unknownAtSignsAreAskedAgainAndForgottenAddressesRefreshed() throws Exception {
        DirectoryClient client = client(new MutableClock());
        AtSign late = AtSign.of("@late_starter");
        assertEquals(Optional.empty(), client.lookup(late));
        directory.register(late, "localhost", 7100); // its server finished starting
        assertEquals(7100, client.lookup(late).orElseThrow().port(), "an unknown answer is not cached");
        directory.register(late, "localhost", 7101);
        client.forget(late);
        assertEquals(7101, client.lookup(late).orElseThrow().port(), "asked again after forget");
        directory.unregister(late);
    }

    @Test
    void wireFormMatchesTheRealDirectory() throws Exception {
        try (SSLSocket s = connect()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertEquals("@", read(in, 1));
            out.write(" Alice \r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("localhost:6466\r\n@", read(in, "localhost:6466\r\n@".length()));
            out.write("nosuchsign\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("null\r\n@", read(in, 7));
            long start = System.nanoTime();
            out.write("nosuchsign2\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("null\r\n@", read(in, 7));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "second miss is delayed");
            out.write("nosuchsign3\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, in.read(), "third miss closes the connection");
        }
    }

    @Test
    void exitAndOverlongRequestsClose() throws Exception {
        try (SSLSocket s = connect()) {
            assertEquals("@", read(s.getInputStream(), 1));
            s.getOutputStream().write("@EXIT\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, s.getInputStream().read());
        }
        try (SSLSocket s = connect()) {
            assertEquals("@", read(s.getInputStream(), 1));
            s.getOutputStream().write("x".repeat(300).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void garbageDoesNotHurtTheDirectory() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            try (SSLSocket s = connect()) {
                byte[] junk = new byte[200];
                random.nextBytes(junk);
                s.getOutputStream().write(junk);
                s.getOutputStream().write('\n');
                s.getOutputStream().flush();
            }
        }
        assertEquals(6465, client(Clock.systemUTC()).lookup(AtSign.of("@pi01")).orElseThrow().port());
    }

    private static SSLSocket connect() throws Exception {
        SSLSocket s = (SSLSocket) clientTls.getSocketFactory().createSocket("localhost", directory.port());
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    private static String read(InputStream in, int n) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (buf.size() < n) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            buf.write(c);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
