package org.atiot.platform.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.atiot.core.protocol.AtConnection;
import org.atiot.core.protocol.AtProtocolException;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.AtTlsException;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.platform.pki.IssuedCertificate;
import org.atiot.platform.pki.LocalCa;
import org.atiot.platform.pki.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's framing against a scripted TLS peer that writes exactly the bytes a test chooses: the forms real
 * servers produce (split anywhere, prompts glued to lines, notifications between a request and its answer) and
 * ones no server should produce.
 */
class ClientFramingTest {
    private static final LocalCa CA = LocalCa.create("framing test CA");
    private SSLServerSocket listener;
    private SSLContext clientTls;
    private SSLSocket peer;
    private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<Exception> closes = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        IssuedCertificate cert = CA.issue("localhost", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        listener = (SSLServerSocket) TlsContexts.forServer(cert.certificatePem(), cert.privateKeyPem(),
                CA.certificatePem()).getServerSocketFactory().createServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        clientTls = TlsContexts.forClient(CA.certificatePem());
    }

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        listener.close();
    }

    private AtConnection connect(int maxLine) throws Exception {
        Thread acceptor = new Thread(() -> {
            try {
                peer = (SSLSocket) listener.accept();
                peer.startHandshake();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        acceptor.start();
        AtConnection c = AtConnection.open(new HostAndPort("localhost", listener.getLocalPort()), clientTls,
                Duration.ofSeconds(5), maxLine, new NotificationListener() {
                    @Override
                    public void onNotification(Notification n) {
                        notifications.add(n);
                    }

                    @Override
                    public void onClosed(Exception cause) {
                        closes.add(cause == null ? new Exception("clean") : cause);
                    }
                });
        acceptor.join();
        write("@");
        return c;
    }

    private void write(String s) throws Exception {
        OutputStream out = peer.getOutputStream();
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads the request line the client sent. */
    private String request() throws Exception {
        InputStream in = peer.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private String answer(AtConnection c, String command, String... chunks) throws Exception {
        BlockingQueue<Object> result = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try {
                result.add(c.execute(command, Duration.ofSeconds(5)));
            } catch (Exception e) {
                result.add(e);
            }
        });
        t.start();
        assertEquals(command, request());
        for (String chunk : chunks) {
            write(chunk);
            Thread.sleep(5);
        }
        Object r = result.poll(10, TimeUnit.SECONDS);
        if (r instanceof Exception) {
            throw (Exception) r;
        }
        return (String) r;
    }

    @Test
    void answersSplitAtEveryByteAndPromptsGluedToTheNextLineAreFramed() throws Exception {
        AtConnection c = connect(AtConnection.DEFAULT_MAX_LINE_BYTES);
        String reply = "data:success\n@alice@";
        String[] bytes = reply.split("");
        assertEquals("success", answer(c, "pkam:x", bytes));
        assertEquals("ok", answer(c, "noop:0", "data:ok\n@alice@"));
        // a notification arrives between the request and its answer, the prompt glued to it
        String n = "notification: {\"id\":\"n1\",\"from\":\"@bob\",\"to\":\"@alice\",\"key\":\"@alice:k@bob\","
                + "\"value\":\"v\",\"operation\":\"update\",\"epochMillis\":1,\"messageType\":\"MessageType.key\","
                + "\"isEncrypted\":false,\"metadata\":null}\n";
        assertEquals("7", answer(c, "update:k@alice v", n, "data:7\n@alice@"));
        assertEquals("n1", notifications.poll(5, TimeUnit.SECONDS).id());
        c.close();
    }

    @Test
    void everyErrorFormBecomesATypedException() throws Exception {
        AtConnection c = connect(AtConnection.DEFAULT_MAX_LINE_BYTES);
        AtServerErrorException legacy = assertThrows(AtServerErrorException.AtKeyNotFoundException.class,
                () -> answer(c, "llookup:x@alice", "error:AT0015-key not found : x@alice does not exist in keystore\n@alice@"));
        assertEquals("AT0015", legacy.code());
        AtServerErrorException json = assertThrows(AtServerErrorException.AtInvalidSyntaxException.class,
                () -> answer(c, "update:x", "error:{\"errorCode\":\"AT0003\",\"errorDescription\":\"Invalid syntax\"}\n@"));
        assertEquals("Invalid syntax", json.description());
        AtServerErrorException colon = assertThrows(AtServerErrorException.AtAuthenticationException.class,
                () -> answer(c, "pkam:y", "error:AT0028:enrollment_id: 1 is expired or invalid\n@"));
        assertEquals("AT0028", colon.code());
        AtServerErrorException multiLine = assertThrows(AtServerErrorException.class,
                () -> answer(c, "from:", "error:AT0003-Invalid syntax : e.g.\nfrom:@alice\n@"));
        assertTrue(multiLine.description().contains("from:@alice"), multiLine.description());
        c.close();
    }

    @Test
    void aJsonErrorWithoutAnAtCodeIsAProtocolError() throws Exception {
        AtConnection c = connect(AtConnection.DEFAULT_MAX_LINE_BYTES);
        // Found by fuzzing: any string passed for the code, though callers branch on AT codes.
        assertThrows(AtProtocolException.class,
                () -> answer(c, "update:x", "error:{\"errorCode\":\"AT001~1\",\"errorDescription\":\"x\"}\n@"));
    }

    @Test
    void aLineThatFitsNoFormIsAProtocolErrorAndClosesTheConnection() throws Exception {
        AtConnection c = connect(AtConnection.DEFAULT_MAX_LINE_BYTES);
        assertThrows(AtProtocolException.class, () -> answer(c, "noop:0", "HTTP/1.1 400 Bad Request\n@"));
        assertTrue(closes.poll(5, TimeUnit.SECONDS) != null);
        assertTrue(!c.isOpen());
    }

    @Test
    void anOverlongLineClosesTheConnectionInsteadOfGrowingMemory() throws Exception {
        AtConnection c = connect(1024);
        Exception e = assertThrows(Exception.class, () -> answer(c, "noop:0", "data:" + "x".repeat(5000) + "\n@"));
        assertTrue(e.getMessage().contains("longer than 1024"), e.getMessage());
        assertTrue(!c.isOpen());
    }

    @Test
    void noAnswerInTimeIsATimeoutAndTheConnectionIsNotReused() throws Exception {
        AtConnection c = connect(AtConnection.DEFAULT_MAX_LINE_BYTES);
        Thread t = new Thread(() -> {
            try {
                request();
            } catch (Exception ignored) {
                // the peer just swallows the request
            }
        });
        t.start();
        assertThrows(SocketTimeoutException.class, () -> c.execute("noop:0", Duration.ofMillis(300)));
        assertTrue(!c.isOpen());
        assertTrue(closes.poll(5, TimeUnit.SECONDS) != null);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        IssuedCertificate other = CA.issue("elsewhere.example", List.of("elsewhere.example"), Duration.ofDays(1));
        try (SSLServerSocket wrong = (SSLServerSocket) TlsContexts.forServer(other.certificatePem(),
                other.privateKeyPem(), CA.certificatePem()).getServerSocketFactory().createServerSocket()) {
            wrong.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) wrong.accept()) {
                    s.startHandshake();
                } catch (Exception expected) {
                    // the client aborts the handshake
                }
            });
            acceptor.start();
            AtTlsException e = assertThrows(AtTlsException.class, () -> AtConnection.open(
                    new HostAndPort("localhost", wrong.getLocalPort()), clientTls, Duration.ofSeconds(5),
                    AtConnection.DEFAULT_MAX_LINE_BYTES, NotificationListener.NONE));
            assertTrue(e.getMessage().contains("not valid for host name localhost"), e.getMessage());
            acceptor.join();
        }
    }
}
