package org.atiot.core.protocol;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.tinylog.Logger;

/**
 * One TLS connection to an atServer, carrying requests and, once {@code monitor} was sent, notifications.
 *
 * <p>Threads: one reader thread per connection. It must exist because notifications arrive unasked on the same
 * socket; it splits the byte stream into responses (completed when the next prompt {@code @} follows a line end,
 * which also covers legacy errors spanning several lines) and {@code notification:} lines (dispatched at once, they
 * have no prompt). Callers send one command at a time: the server does not support pipelining.
 *
 * <p>Any transport or framing failure goes through {@link #fail}: the socket is closed, a waiting request fails, the
 * listener hears {@code onClosed}; the connection is never reused.
 */
public final class AtConnection implements AutoCloseable {
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    private static final String NOTIFICATION = "notification: ";
    /** The rest of a prompt glued to the next line: {@code alice@} of {@code @alice@}. */
    private static final Pattern PROMPT_TAIL = Pattern.compile("^[^:@\\s]*@");
    private static final long READER_STACK_BYTES = 256 * 1024;

    private final SSLSocket socket;
    private final OutputStream out;
    private final String peer;
    private final int maxLineBytes;
    private final NotificationListener listener;
    private final Object writeLock = new Object();
    private volatile CompletableFuture<String> pending;
    private volatile boolean closed;
    private volatile long lastReceivedNanos = System.nanoTime();

    private AtConnection(SSLSocket socket, String peer, int maxLineBytes, NotificationListener listener)
            throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.peer = peer;
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
    }

    /** Opens a TLS connection with hostname verification and starts its reader. */
    public static AtConnection open(HostAndPort address, SSLContext tls, Duration connectTimeout, int maxLineBytes,
                                    NotificationListener listener) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(address.host(), address.port()), (int) connectTimeout.toMillis());
            tcp.setTcpNoDelay(true);
            tcp.setKeepAlive(true);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp, address.host(), address.port(), true);
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            socket.setSSLParameters(params);
            tcp.setSoTimeout((int) connectTimeout.toMillis());
            try {
                socket.startHandshake();
            } catch (SSLException e) {
                throw AtTlsException.of(address, e);
            }
            tcp.setSoTimeout(0); // liveness is the agent's heartbeat, not a read timeout on an idle monitor
            AtConnection connection = new AtConnection(socket, address.toString(), maxLineBytes, listener);
            Thread reader = new Thread(null, connection::readLoop, "at-reader-" + address, READER_STACK_BYTES);
            reader.setDaemon(true);
            reader.start();
            return connection;
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
    }

    /**
     * Sends one command and waits for its answer.
     *
     * @return the text after {@code data:}
     * @throws AtServerErrorException the server's {@code error:} as a typed exception
     * @throws SocketTimeoutException no answer in time; the connection is then closed
     */
    public String execute(String command, Duration timeout) throws IOException {
        synchronized (writeLock) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending = answer;
            write(command);
            try {
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                SocketTimeoutException timedOut = new SocketTimeoutException(
                        "no answer from " + peer + " within " + timeout.toMillis() + " ms to " + verbOf(command));
                fail(timedOut);
                throw timedOut;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for " + verbOf(command));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AtServerErrorException) {
                    AtServerErrorException se = (AtServerErrorException) cause;
                    throw AtServerErrorException.of(se.code(), se.description()); // stack of the caller's thread
                }
                throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
            } finally {
                pending = null;
            }
        }
    }

    /** Sends a command that has no answer ({@code monitor}). */
    public void send(String command) throws IOException {
        synchronized (writeLock) {
            write(command);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Nanos ({@link System#nanoTime}) of the last byte received: the agent's "alive but deaf" check. */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeSocket();
            failPending(new IOException("connection to " + peer + " closed"));
            listener.onClosed(null);
        }
    }

    private void write(String command) throws IOException {
        if (closed) {
            throw new IOException("connection to " + peer + " is closed");
        }
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a command must be one line: " + verbOf(command));
        }
        try {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    private void readLoop() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            StringBuilder response = null;
            boolean atLineStart = true;
            boolean afterPrompt = false;
            int c;
            while ((c = in.read()) >= 0) {
                lastReceivedNanos = System.nanoTime();
                if (c == '@' && atLineStart && line.size() == 0) {
                    if (response != null) {
                        complete(response.toString());
                        response = null;
                    }
                    afterPrompt = true;
                    atLineStart = false;
                    continue;
                }
                atLineStart = false;
                if (c != '\n') {
                    if (line.size() >= maxLineBytes) {
                        throw new AtProtocolException("line from " + peer + " longer than " + maxLineBytes + " bytes");
                    }
                    line.write(c);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                atLineStart = true;
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (afterPrompt) {
                    text = PROMPT_TAIL.matcher(text).replaceFirst("");
                    afterPrompt = false;
                }
                if (text.startsWith(NOTIFICATION)) {
                    dispatch(text.substring(NOTIFICATION.length()));
                } else if (response != null) {
                    response.append('\n').append(text); // legacy errors may span lines until the prompt
                } else if (!text.isEmpty()) {
                    response = new StringBuilder(text);
                }
            }
            if (!closed) {
                fail(new IOException("atServer " + peer + " closed the connection"));
            }
        } catch (IOException e) {
            if (!closed) {
                fail(e);
            }
        }
    }

    private void complete(String text) throws AtProtocolException {
        CompletableFuture<String> waiting = pending;
        if (waiting == null) {
            throw new AtProtocolException("unrequested response from " + peer + ": " + AtProtocolException.quote(text));
        }
        Response r = Response.parse(text);
        try {
            waiting.complete(r.dataOrThrow());
        } catch (AtServerErrorException e) {
            waiting.completeExceptionally(e);
        }
    }

    private void dispatch(String json) {
        try {
            listener.onNotification(Notification.parse(json));
        } catch (AtProtocolException e) {
            Logger.warn("ignoring a malformed notification from {}: {}", peer, e.getMessage());
            listener.onMalformedNotification(e);
        } catch (RuntimeException e) {
            Logger.error(e, "notification listener failed");
        }
    }

    private void fail(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        Logger.debug("connection to {} failed: {}", peer, cause.getMessage());
        closeSocket();
        failPending(cause);
        listener.onClosed(cause);
    }

    private void failPending(IOException cause) {
        CompletableFuture<String> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(cause);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("closing {}: {}", peer, e.getMessage());
        }
    }

    /** The verb only: commands carry signatures and ciphertext that do not belong in messages or logs. */
    static String verbOf(String command) {
        int colon = command.indexOf(':');
        return colon < 0 ? command.split(" ", 2)[0] : command.substring(0, colon);
    }
}
