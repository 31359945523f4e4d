package org.atiot.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.pki.TlsContexts;

/**
 * One request line of any content to a running local atServer, on an authenticated TLS connection, the way a
 * hostile or broken client would send it. The server must answer with {@code data:} or {@code error:} and its
 * prompt, or close the connection, and must stay up: after a close a fresh connection is served.
 */
public class ServerLineFuzzTest {
    private static final AtSign OWNER = AtSign.of("@fuzz");
    private static final String PROMPT = OWNER + "@";
    /** The prompt after its first character, which the check for a one-line answer has read already. */
    private static final String PROMPT_REST = PROMPT.substring(1);
    private static final int ANSWER_MILLIS = 5_000;
    private static final int MAX_LINE = 4_096;

    private static LocalPlatform platform;
    private static AtKeys keys;
    private static String caPem;
    private static SSLSocket socket;

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) throws Exception {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) throws Exception {
        // the harness and the server's own lookups (directory, other atServers) stay on this machine
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.equals("127.0.0.1"));
        // Line breaks stay in: the server reads one network read as one command, so a hostile client can send them.
        String line = new String(input, StandardCharsets.UTF_8);
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE);
        }
        if (line.trim().isEmpty()) {
            return; // a blank line is ignored without an answer, as the real server does
        }
        SSLSocket s = connection();
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        if (verb(line).startsWith("monitor")) {
            reconnect(); // a monitoring connection streams notifications instead of answering
            return;
        }
        String answer;
        try {
            answer = readAnswer(s.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer within " + ANSWER_MILLIS + " ms to: " + line);
        }
        if (answer == null) {
            reconnect(); // the server hung up, which it may; it must still serve the next client
            return;
        }
        if (!answer.startsWith("data:") && !answer.startsWith("error:")) {
            throw new IllegalStateException("answer neither data: nor error: to " + line + ": " + answer);
        }
        int next = s.getInputStream().read(); // the prompt, or the end of a connection the server closed
        if (next >= 0 && next != '@') {
            throw new IllegalStateException("an answer spanning lines to " + line + ": " + answer);
        }
    }

    /** The verb as the server reads it: before the first colon, lower case, without spaces. */
    private static String verb(String line) {
        int colon = line.indexOf(':');
        String verb = colon < 0 ? line : line.substring(0, colon);
        return verb.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /**
     * The next answer line with the prompts in front of it removed ({@code @} before authentication, {@code @fuzz@}
     * after, or what is left of one), or null when the server closed the connection.
     */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String text = line.toString().trim();
            line.setLength(0);
            while (text.startsWith(PROMPT) || text.startsWith(PROMPT_REST) || text.startsWith("@")) {
                int cut = text.startsWith(PROMPT) ? PROMPT.length() : text.startsWith(PROMPT_REST)
                        ? PROMPT_REST.length() : 1;
                text = text.substring(cut);
            }
            if (!text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    private static SSLSocket connection() throws Exception {
        if (platform == null) {
            Path dir = Files.createTempDirectory("atiot-fuzz-server");
            LocalPlatform.init(dir, "localhost", 0, List.of(OWNER));
            platform = LocalPlatform.start(dir, b -> b.syncWrites(false));
            keys = AtKeysFile.read(platform.keyFile(OWNER), OWNER);
            caPem = Files.readString(platform.caFile());
        }
        if (socket == null || socket.isClosed()) {
            socket = authenticated();
        }
        return socket;
    }

    private static void reconnect() throws Exception {
        socket.close();
        socket = authenticated();
    }

    /** A fresh PKAM-authenticated connection; failing here means the server stopped serving. */
    private static SSLSocket authenticated() throws Exception {
        SSLSocket s = (SSLSocket) TlsContexts.forClient(caPem).getSocketFactory()
                .createSocket("localhost", platform.server(OWNER).port());
        s.setSoTimeout(ANSWER_MILLIS);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(("from:" + OWNER + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String challenge = readAnswer(in);
        if (challenge == null || !challenge.startsWith("data:")) {
            throw new IllegalStateException("the server no longer answers from: " + challenge);
        }
        String signature = keys.pkam().privateKey().sign(challenge.substring(5), HashAlgorithm.SHA256);
        out.write(("pkam:" + signature + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String result = readAnswer(in);
        if (!"data:success".equals(result)) {
            throw new IllegalStateException("the server no longer accepts PKAM: " + result);
        }
        return s;
    }
}
