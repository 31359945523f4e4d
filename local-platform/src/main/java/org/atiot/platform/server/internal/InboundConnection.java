package org.atiot.platform.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.tinylog.Logger;

/**
 * One client connection to the atServer. Framing as the real server does it (wire reference §2.3): bytes
 * accumulate until a read ends with {@code \n}, then the whole buffer, trimmed, is one command; an over-long
 * buffer is answered with AT0005 and the connection closed. Each answer and its prompt leave in one write, and
 * notification lines share the same lock so that they never split an answer.
 */
final class InboundConnection implements Runnable {
    private final SSLSocket socket;
    private final ServerContext ctx;
    private final Router router;
    private final Object writeLock = new Object();
    private OutputStream out;
    private Session session;
    private volatile boolean closed;

    InboundConnection(SSLSocket socket, ServerContext ctx, Router router) {
        this.socket = socket;
        this.ctx = ctx;
        this.router = router;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ctx.config.unauthenticatedIdle().toMillis());
            socket.startHandshake();
            session = new Session(peerCertificates());
            out = socket.getOutputStream();
            writeRaw("@");
            readLoop(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            Logger.debug("{}: closing idle connection", ctx.owner);
        } catch (IOException e) {
            Logger.debug("{}: connection ended: {}", ctx.owner, e.getMessage());
        } finally {
            close();
        }
    }

    private void readLoop(InputStream in) throws IOException {
        byte[] chunk = new byte[8192];
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        int max = ctx.config.maxCommandBytes();
        int n;
        while (!closed && (n = in.read(chunk)) >= 0) {
            if (buffer.size() + n > max) {
                answerError(ServerError.closing("AT0005", "Buffer limit exceeded"));
                return;
            }
            buffer.write(chunk, 0, n);
            if (n == 0 || chunk[n - 1] != '\n') {
                continue;
            }
            String command = buffer.toString(StandardCharsets.UTF_8).trim();
            buffer.reset();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals("@exit")) {
                return;
            }
            Session.Auth before = session.auth;
            handle(command);
            if (session.auth != before && session.auth != Session.Auth.NONE) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ctx.config.authenticatedIdle().toMillis()));
            }
        }
    }

    private void handle(String command) throws IOException {
        Reply reply;
        try {
            reply = router.route(command, session, this);
        } catch (ServerError e) {
            answerError(e);
            if (e.closeAfter()) {
                close();
            }
            return;
        } catch (RuntimeException e) {
            Logger.warn(e, "{}: unexpected failure in {}", ctx.owner, Router.verbOf(command));
            answerError(ServerError.closing("AT0011", "Internal server exception"));
            close();
            return;
        }
        if (reply.isNone()) {
            return;
        }
        if (reply.raw) {
            writeRaw(reply.text);
        } else {
            writeRaw(reply.text + "\n" + session.prompt(ctx.owner));
        }
    }

    private void answerError(ServerError e) throws IOException {
        boolean owner = session != null && session.isOwner();
        String line = ErrorLine.format(e, owner, session != null && session.jsonErrors);
        writeRaw(line + "\n" + (owner ? ctx.owner + "@" : "@"));
    }

    /** Writes a monitor line; false when the connection is gone. */
    boolean writeNotification(String json) {
        if (closed) {
            return false;
        }
        try {
            writeRaw("notification: " + json + "\n");
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    /** Writes a line and closes, for refusals before a session exists (connection limit). */
    static void refuse(SSLSocket socket, String line) {
        try (socket) {
            socket.setSoTimeout(2000);
            OutputStream o = socket.getOutputStream();
            o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
        } catch (IOException ignored) {
            // the peer may already be gone: nothing to tell it
        }
    }

    private void writeRaw(String text) throws IOException {
        synchronized (writeLock) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private Certificate[] peerCertificates() {
        try {
            return socket.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.notifications.removeMonitorsOf(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the peer
        }
    }
}
