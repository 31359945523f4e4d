package org.atiot.platform.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.protocol.HostAndPort;

/**
 * A server-to-server connection from this atServer to another one: TLS with our certificate as client
 * certificate and hostname verification, one request at a time, responses read up to the expected prompt.
 * Used by a single thread at a time (the caller synchronises).
 */
final class RemoteConnection implements AutoCloseable {
    private static final Pattern LEGACY_ERROR = Pattern.compile("^error:(AT\\d{4})[-:](.*)$", Pattern.DOTALL);
    private static final Pattern PROMPT_TAIL = Pattern.compile("^[^:@\\s]*@");
    private static final int MAX_RESPONSE_BYTES = 10_240_000;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    final String peer;
    private String prompt = "@";
    long lastUsedMillis = System.currentTimeMillis();

    private RemoteConnection(SSLSocket socket, String peer) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.peer = peer;
    }

    static RemoteConnection open(HostAndPort address, SSLContext tls, Duration timeout) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            tcp.setTcpNoDelay(true);
            tcp.setSoTimeout((int) timeout.toMillis());
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(tcp, address.host(), address.port(), true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            RemoteConnection c = new RemoteConnection(s, address.toString());
            int greeting = c.in.read();
            if (greeting != '@') {
                throw new IOException("atServer " + address + " did not greet with '@'");
            }
            return c;
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
    }

    /** Sends one command; returns the text after {@code data:} or throws the remote error with its code. */
    String request(String command) throws IOException, ServerError {
        write(command);
        String text = readUntilPrompt();
        return dataOf(text);
    }

    /** {@code pol}: the answer is the bare prompt {@code @me@} (wire reference §3.4). */
    void pol(String ownAtSign) throws IOException, ServerError {
        write("pol");
        String expected = ownAtSign + "@";
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException(peer + " closed the connection during pol");
            }
            buf.write(c);
            String s = buf.toString(StandardCharsets.UTF_8);
            if (s.equals(expected)) {
                prompt = expected;
                return;
            }
            if (c == '@' && s.contains("\n")) {
                dataOf(s.substring(0, s.lastIndexOf('\n')));
                throw ServerError.of("AT0008", "unexpected answer to pol from " + peer);
            }
            if (buf.size() > 4096) {
                throw ServerError.of("AT0008", "unexpected answer to pol from " + peer);
            }
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a server-to-server socket: nothing to report
        }
    }

    private void write(String command) throws IOException {
        lastUsedMillis = System.currentTimeMillis();
        out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads a response up to {@code \n} followed by a prompt. Errors may end with {@code \n@} even on a pol
     * connection (the real server's exception handler), so a bare {@code @} after a line end also ends an error.
     */
    private String readUntilPrompt() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        String endData = "\n" + prompt;
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no answer from " + peer);
            }
            if (c < 0) {
                throw new IOException(peer + " closed the connection");
            }
            buf.write(c);
            if (buf.size() > MAX_RESPONSE_BYTES) {
                throw new IOException("answer from " + peer + " is too long");
            }
            if (c != '@') {
                continue;
            }
            String s = buf.toString(StandardCharsets.UTF_8);
            if (s.endsWith(endData)) {
                return stripGluedPrompt(s.substring(0, s.length() - endData.length()));
            }
            if (s.endsWith("\n@") && !prompt.equals("@") && stripGluedPrompt(s).startsWith("error:")) {
                return stripGluedPrompt(s.substring(0, s.length() - 2));
            }
        }
    }

    private static String stripGluedPrompt(String s) {
        return s.startsWith("data:") || s.startsWith("error:") ? s : PROMPT_TAIL.matcher(s).replaceFirst("");
    }

    private String dataOf(String text) throws ServerError {
        if (text.startsWith("data:")) {
            return text.substring(5);
        }
        if (text.startsWith("error:{")) {
            try {
                var json = Json.parseObject(text.substring(6));
                throw ServerError.of(String.valueOf(json.get("errorCode")),
                        "Exception: " + json.get("errorDescription"));
            } catch (JsonException e) {
                throw ServerError.of("AT0011", "malformed error from " + peer);
            }
        }
        Matcher m = LEGACY_ERROR.matcher(text);
        if (m.matches()) {
            throw ServerError.of(m.group(1), m.group(2));
        }
        throw ServerError.of("AT0011", "unexpected answer from " + peer);
    }
}
