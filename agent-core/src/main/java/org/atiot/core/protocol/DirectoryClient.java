package org.atiot.core.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.atiot.core.AtSign;

/**
 * Asks the atDirectory where an atSign's atServer is, and remembers answers for a while.
 *
 * <p>Wire form (wire reference §1): the directory greets with {@code @}; we send the name without {@code @} and a
 * newline; it answers {@code host:port\r\n@} or {@code null\r\n@}. One short-lived TLS connection per lookup, closed
 * with {@code @exit}; hostname verification is always on. Thread-safe.
 */
public final class DirectoryClient {
    public static final HostAndPort PRODUCTION = new HostAndPort("root.atsign.org", 64);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The directory itself refuses names longer than its 255-character buffer. */
    private static final int MAX_ANSWER = 512;

    private final HostAndPort directory;
    private final SSLContext tls;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final Clock clock;
    private final ConcurrentHashMap<AtSign, Cached> cache = new ConcurrentHashMap<>();

    public DirectoryClient(HostAndPort directory, SSLContext tls, Duration cacheTtl, Duration timeout, Clock clock) {
        this.directory = directory;
        this.tls = tls;
        this.cacheTtl = cacheTtl;
        this.timeout = timeout;
        this.clock = clock;
    }

    public DirectoryClient(HostAndPort directory, SSLContext tls) {
        this(directory, tls, DEFAULT_CACHE_TTL, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /**
     * Where {@code atSign}'s atServer is, or empty when the directory does not know it. Only addresses are cached:
     * an atSign unknown now may be registered a moment later (a server still starting), and asking again is cheap.
     */
    public Optional<HostAndPort> lookup(AtSign atSign) throws IOException {
        Cached hit = cache.get(atSign);
        Instant now = clock.instant();
        if (hit != null && now.isBefore(hit.expires)) {
            return hit.address;
        }
        Optional<HostAndPort> answer = ask(atSign);
        if (answer.isPresent()) {
            cache.put(atSign, new Cached(answer, now.plus(cacheTtl)));
        }
        return answer;
    }

    /** Forgets a cached answer, e.g. after its atServer could not be reached. */
    public void forget(AtSign atSign) {
        cache.remove(atSign);
    }

    private Optional<HostAndPort> ask(AtSign atSign) throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(directory.host(), directory.port()), millis);
            tcp.setSoTimeout(millis);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory()
                    .createSocket(tcp, directory.host(), directory.port(), true)) {
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                try {
                    socket.startHandshake();
                } catch (SSLException e) {
                    throw AtTlsException.of(directory, e);
                }
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                expectPrompt(in);
                out.write((atSign.withoutPrefix() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = readAnswer(in);
                out.write("@exit\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.equals("null")) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(HostAndPort.parse(answer));
                } catch (IllegalArgumentException e) {
                    throw new AtProtocolException("atDirectory " + directory + " answered "
                            + AtProtocolException.quote(answer) + " for " + atSign);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("atDirectory " + directory + " did not answer within " + millis + " ms");
        }
    }

    private void expectPrompt(InputStream in) throws IOException {
        int c = in.read();
        if (c != '@') {
            throw new AtProtocolException("atDirectory " + directory + " did not greet with '@'"
                    + (c < 0 ? " (closed)" : ""));
        }
    }

    /** Reads up to the line end; a trailing {@code \r} and the next {@code @} prompt are not part of the answer. */
    private String readAnswer(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new AtProtocolException("atDirectory " + directory + " closed the connection before answering");
            }
            if (c == '\n') {
                return sb.toString().trim();
            }
            if (sb.length() >= MAX_ANSWER) {
                throw new AtProtocolException("atDirectory answer longer than " + MAX_ANSWER + " bytes");
            }
            sb.append((char) c);
        }
    }

    private static final class Cached {
        final Optional<HostAndPort> address;
        final Instant expires;

        Cached(Optional<HostAndPort> address, Instant expires) {
            this.address = address;
            this.expires = expires;
        }
    }
}
