package org.atiot.platform.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.HostAndPort;

/** A byte-level atProtocol client for conformance tests: what it reads is exactly what the server wrote. */
final class Wire implements AutoCloseable {
    private static final Pattern FROM_ANSWER = Pattern.compile("^data:(_[0-9a-f-]{36}@[^:]+:[0-9a-f-]{36})$");
    final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    String prompt = "@";

    Wire(HostAndPort server, SSLContext tls) throws IOException {
        socket = (SSLSocket) tls.getSocketFactory().createSocket(server.host(), server.port());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        if (in.read() != '@') {
            throw new IOException("no greeting");
        }
    }

    /** Sends a line and returns the answer without its trailing {@code \n<prompt>}. */
    String send(String command) throws IOException {
        write(command + "\n");
        return readAnswer();
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String readAnswer() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String end = "\n" + prompt;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after: " + buf.toString(StandardCharsets.UTF_8));
            }
            buf.write(c);
            String s = buf.toString(StandardCharsets.UTF_8);
            if (s.endsWith(end)) {
                return s.substring(0, s.length() - end.length());
            }
        }
    }

    /** Reads one {@code notification: ...} line (no prompt follows those). */
    String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed");
            }
            buf.write(c);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (end of stream) within the read timeout. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** from + pkam as the Dart SDK sends them; JSON errors from then on. */
    void authenticate(AtKeys keys, HashAlgorithm hash) throws IOException {
        String challenge = fromChallenge(keys.atSign().toString(), "{\"version\":\"3.0.57\"}");
        prompt = keys.atSign() + "@";
        String answer = send("pkam:signingAlgo:rsa2048:hashingAlgo:" + hash.wireName() + ":"
                + keys.pkam().privateKey().sign(challenge, hash));
        if (!answer.equals("data:success")) {
            throw new IOException("pkam failed: " + answer);
        }
    }

    String fromChallenge(String atSign, String clientConfig) throws IOException {
        prompt = "@"; // from: drops any earlier authentication; a successful pkam switches it back
        String answer = send("from:" + atSign + (clientConfig == null ? "" : ":clientConfig:" + clientConfig));
        Matcher m = FROM_ANSWER.matcher(answer);
        if (!m.matches()) {
            throw new IOException("unexpected from answer: " + answer);
        }
        return m.group(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
