package org.atiot.agent.link;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.atiot.agent.outbox.OutboxEntry;
import org.atiot.agent.outbox.OutboxFormatException;
import org.atiot.agent.outbox.RecipientKeys;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.queue.QueueEntry;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.AtKey;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.AtTlsException;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.core.protocol.NotifyRequest;
import org.tinylog.Logger;

/**
 * The device's one connection to its atServer, used both ways: it drains the durable queue with {@code notify}
 * (an entry leaves the queue only once the server acknowledged it, under the id it was queued with) and, with
 * {@code monitor} on the same socket, receives commands.
 *
 * <p>Reconnects with exponential backoff and jitter. A connection that has been silent for the heartbeat interval
 * is probed with {@code noop}; no answer within the response timeout ends it, so an "alive but deaf" socket is
 * noticed within heartbeat + timeout. Commands missed while offline are replayed by the server because the
 * monitor starts at the time of the last command seen (kept in the state directory).
 *
 * <p>Threads: this link's thread, the connection's reader, and one control thread that runs command handling off
 * the reader so a slow actuator never stalls the socket.
 */
public final class DeviceLink implements AutoCloseable {
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
    static final String COMMAND_MONITOR_REGEX = "command\\.atiot";
    private static final Duration SHARED_KEY_TTR = Duration.ofDays(1);
    private static final Duration AWAIT_SLICE = Duration.ofMillis(500);

    private final Options o;
    private final Thread thread;
    private final ExecutorService control;
    private final Object wake = new Object();
    private final Random jitter = new Random();
    private final Map<AtSign, RsaPublicKey> recipientKeys = new ConcurrentHashMap<>();
    private final Map<AtSign, String> recipientCopies = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile long lastAckEpochMillis;
    private volatile long lastCommandEpochMillis;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile String lastError;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile AtClient client;

    private DeviceLink(Options o) {
        this.o = o;
        this.lastCommandEpochMillis = readEpoch(o.monitorEpochFile);
        this.thread = new Thread(null, this::run, "atiot-link", 256 * 1024);
        this.thread.setDaemon(true);
        this.control = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1000),
                r -> {
                    Thread t = new Thread(null, r, "atiot-control", 256 * 1024);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy()); // a command flood must not exhaust memory
    }

    public static Options.Builder options(AtKeys keys, AtClientOptions client, DurableQueue queue,
                                          RecipientKeys recipientKeys) {
        return new Options.Builder(keys, client, queue, recipientKeys);
    }

    public static DeviceLink start(Options options) {
        DeviceLink link = new DeviceLink(options);
        link.thread.start();
        return link;
    }

    /**
     * The key {@code sender} shares with us, as its copy encrypted for us ({@code lookup:shared_key@sender}),
     * fetched over the link's connection; for commands replayed without their inline key.
     */
    public String sharedKeyCopyFrom(AtSign sender) throws IOException {
        AtClient c = client;
        if (c == null || !connected) {
            throw new IOException("not connected: cannot look up the key " + sender + " shares with us");
        }
        return c.lookup("shared_key", sender);
    }

    public LinkStatus status() {
        return new LinkStatus(connected, sent.get(), dropped.get(), reconnects.get(), lastAckEpochMillis, lastError);
    }

    public boolean isConnected() {
        return connected;
    }

    /**
     * Healthy unless the link thread is stuck: it makes progress (a send, a wait that timed out, a backoff) at least
     * every heartbeat interval plus the response timeout whatever the network does.
     */
    public boolean isHealthy() {
        long limit = o.heartbeat.plus(o.client.responseTimeout()).multipliedBy(2).toNanos();
        return thread.isAlive() && System.nanoTime() - lastProgressNanos < limit;
    }

    private void run() {
        Duration backoff = o.initialBackoff;
        boolean everConnected = false;
        while (!closed) {
            AtClient c = null;
            try {
                c = AtClient.connect(o.keys.atSign(), o.client, listener());
                client = c;
                c.authenticate(o.keys);
                c.monitor(lastCommandEpochMillis, COMMAND_MONITOR_REGEX);
                connected = true;
                lastError = null;
                backoff = o.initialBackoff;
                if (!everConnected) {
                    everConnected = true;
                    o.onFirstConnect.run();
                }
                Logger.info("connected to the atServer of {}", o.keys.atSign());
                pump(c);
            } catch (AtTlsException.AtClockException e) {
                noteFailure("system clock not set yet, TLS cannot work: " + e.getMessage());
            } catch (InterruptedIOException e) {
                if (closed) {
                    break;
                }
                noteFailure(e.getMessage());
            } catch (IOException e) {
                noteFailure(e.getMessage());
            } catch (RuntimeException e) {
                Logger.error(e, "the link failed unexpectedly; reconnecting");
                noteFailure(e.toString());
            } finally {
                connected = false;
                client = null;
                if (c != null) {
                    c.close();
                }
            }
            if (closed) {
                break;
            }
            reconnects.incrementAndGet();
            sleep(withJitter(backoff));
            backoff = backoff.multipliedBy(2).compareTo(o.maxBackoff) > 0 ? o.maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Sends queued entries in order until the connection fails or the link closes. */
    private void pump(AtClient c) throws IOException {
        while (!closed && c.connection().isOpen()) {
            lastProgressNanos = System.nanoTime();
            QueueEntry head = o.queue.peek();
            if (head == null) {
                if (!awaitEntries()) {
                    heartbeatIfQuiet(c);
                }
                continue;
            }
            OutboxEntry entry;
            try {
                entry = OutboxEntry.decode(head.payload());
            } catch (OutboxFormatException e) {
                Logger.error("dropping unreadable queue entry {}: {}", head.sequence(), e.getMessage());
                dropped.incrementAndGet();
                o.queue.acknowledge(head.sequence());
                continue;
            }
            try {
                c.notify(request(c, entry));
            } catch (AtServerErrorException.AtServerNotFoundException | AtServerErrorException.AtKeyNotFoundException e) {
                if (o.clock.millis() - entry.createdAtMillis() < o.ttln.toMillis()) {
                    throw e; // the recipient may appear (directory, onboarding): retry with backoff
                }
                Logger.error("dropping entry {} for {}: {} for longer than its lifetime", entry.id(),
                        entry.recipient(), e.getMessage());
                dropped.incrementAndGet();
            } catch (AtServerErrorException e) {
                if ("AT0401".equals(e.code()) || "AT0009".equals(e.code())) {
                    throw e; // our authorisation, not the entry: reconnect
                }
                Logger.error("the atServer refused entry {} ({}); dropping it", entry.id(), e.getMessage());
                dropped.incrementAndGet();
            }
            o.queue.acknowledge(head.sequence());
            lastAckEpochMillis = o.clock.millis();
            if (sent.incrementAndGet() == 1) {
                Logger.info("first entry acknowledged by the atServer");
            }
            heartbeatIfQuiet(c);
        }
    }

    private NotifyRequest request(AtClient c, OutboxEntry e) throws IOException {
        RsaPublicKey recipientKey = recipientPublicKey(c, e.recipient());
        // one copy per recipient and run, as published at @recipient:shared_key@device: receivers decrypt it once
        String copy = recipientCopies.get(e.recipient());
        Metadata meta = Metadata.builder().isEncrypted(true).sharedKeyEnc(copy)
                .pubKeyCS(Digests.publicKeyChecksum(recipientKey.base64())).ivNonce(e.ivNonce()).build();
        return NotifyRequest.builder(o.keys.atSign(), e.recipient(), e.keyName()).id(e.id()).ttln(o.ttln)
                .metadata(meta).value(e.ciphertext()).build();
    }

    /** The recipient's public key, fetched once per run; our copies of the shared key are published then too. */
    private RsaPublicKey recipientPublicKey(AtClient c, AtSign recipient) throws IOException {
        RsaPublicKey known = recipientKeys.get(recipient);
        if (known != null) {
            return known;
        }
        String text = c.plookup("publickey", recipient, false);
        if (text == null) {
            throw new AtServerErrorException.AtKeyNotFoundException("public:publickey" + recipient + " is not set");
        }
        RsaPublicKey key;
        try {
            key = RsaPublicKey.fromBase64(text);
        } catch (KeyFormatException e) {
            throw new IOException("the public key of " + recipient + " is unusable: " + e.getMessage(), e);
        }
        AtSign me = o.keys.atSign();
        c.update(AtKey.self("shared_key." + recipient.withoutPrefix(), me), o.recipientKeys.ownCopy(recipient),
                Metadata.NONE);
        String copy = o.recipientKeys.keyFor(recipient).copyFor(key);
        c.update(AtKey.shared("shared_key", me, recipient), copy,
                Metadata.builder().ttrSeconds(SHARED_KEY_TTR.toSeconds()).build());
        recipientCopies.put(recipient, copy);
        recipientKeys.put(recipient, key);
        return key;
    }

    private boolean awaitEntries() throws IOException {
        try {
            // short slices: close() must not wait long, and it cannot interrupt us (that would close the queue's
            // file channel under the agent)
            return o.queue.awaitEntries(AWAIT_SLICE.compareTo(o.heartbeat) < 0 ? AWAIT_SLICE : o.heartbeat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("link interrupted");
        }
    }

    private void heartbeatIfQuiet(AtClient c) throws IOException {
        long silentNanos = System.nanoTime() - c.connection().lastReceivedNanos();
        if (silentNanos >= o.heartbeat.toNanos()) {
            c.noop(); // throws on timeout: a deaf connection ends here
        }
    }

    private NotificationListener listener() {
        return new NotificationListener() {
            @Override
            public void onNotification(Notification n) {
                if (n.isStats() || !n.key().contains(COMMAND_MONITOR_REGEX.replace("\\", ""))) {
                    return;
                }
                control.execute(() -> handleCommand(n));
            }

            @Override
            public void onClosed(Exception cause) {
                synchronized (wake) {
                    wake.notifyAll();
                }
            }
        };
    }

    private void handleCommand(Notification n) {
        try {
            o.commandHandler.accept(n);
        } catch (RuntimeException e) {
            Logger.error(e, "command {} from {} could not be handled", n.id(), n.from());
        }
        if (n.epochMillis() > lastCommandEpochMillis) {
            lastCommandEpochMillis = n.epochMillis();
            writeEpoch(o.monitorEpochFile, n.epochMillis());
        }
    }

    private void noteFailure(String message) {
        if (!closed && (lastError == null || !lastError.equals(message))) {
            Logger.warn("atServer connection: {}; retrying", message);
        }
        lastError = message;
    }

    private Duration withJitter(Duration d) {
        long ms = d.toMillis();
        return Duration.ofMillis(ms / 2 + (long) (jitter.nextDouble() * ms));
    }

    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (!closed && (left = until - System.nanoTime()) > 0) {
                lastProgressNanos = System.nanoTime();
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, Math.min(left, o.heartbeat.toNanos()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static long readEpoch(Path file) {
        try {
            return file != null && Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0L;
        } catch (IOException | NumberFormatException e) {
            Logger.warn("ignoring unreadable {}: commands since the start of the server's memory are replayed", file);
            return 0L;
        }
    }

    private static void writeEpoch(Path file, long epochMillis) {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(epochMillis));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Logger.warn("cannot record the last command time in {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        AtClient c = client;
        if (c != null) {
            c.close();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.shutdown();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of a {@link DeviceLink}. */
    public static final class Options {
        final AtKeys keys;
        final AtClientOptions client;
        final DurableQueue queue;
        final RecipientKeys recipientKeys;
        final Duration heartbeat;
        final Duration ttln;
        final Duration initialBackoff;
        final Duration maxBackoff;
        final Path monitorEpochFile;
        final Consumer<Notification> commandHandler;
        final Runnable onFirstConnect;
        final Clock clock;

        private Options(Builder b) {
            this.keys = b.keys;
            this.client = b.client;
            this.queue = b.queue;
            this.recipientKeys = b.recipientKeys;
            this.heartbeat = b.heartbeat;
            this.ttln = b.ttln;
            this.initialBackoff = b.initialBackoff;
            this.maxBackoff = b.maxBackoff;
            this.monitorEpochFile = b.monitorEpochFile;
            this.commandHandler = b.commandHandler;
            this.onFirstConnect = b.onFirstConnect;
            this.clock = b.clock;
        }

        /** Builds {@link Options}; defaults suit a device on a flaky home network. */
        public static final class Builder {
            private final AtKeys keys;
            private final AtClientOptions client;
            private final DurableQueue queue;
            private final RecipientKeys recipientKeys;
            private Duration heartbeat = Duration.ofSeconds(30);
            private Duration ttln = Duration.ofHours(24);
            private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
            private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
            private Path monitorEpochFile;
            private Consumer<Notification> commandHandler = n -> { };
            private Runnable onFirstConnect = () -> { };
            private Clock clock = Clock.systemUTC();

            Builder(AtKeys keys, AtClientOptions client, DurableQueue queue, RecipientKeys recipientKeys) {
                this.keys = keys;
                this.client = client;
                this.queue = queue;
                this.recipientKeys = recipientKeys;
            }

            public Builder heartbeat(Duration d) {
                this.heartbeat = d;
                return this;
            }

            public Builder ttln(Duration d) {
                this.ttln = d;
                return this;
            }

            public Builder backoff(Duration initial, Duration max) {
                this.initialBackoff = initial;
                this.maxBackoff = max;
                return this;
            }

            /** Where the time of the last command seen is kept, so that a restart replays only newer ones. */
            public Builder monitorEpochFile(Path file) {
                this.monitorEpochFile = file;
                return this;
            }

            /** Called on the control thread for each command notification. */
            public Builder onCommand(Consumer<Notification> handler) {
                this.commandHandler = handler;
                return this;
            }

            /** Called once, after the first successful authentication (service readiness). */
            public Builder onFirstConnect(Runnable r) {
                this.onFirstConnect = r;
                return this;
            }

            public Builder clock(Clock c) {
                this.clock = c;
                return this;
            }

            public Options build() {
                return new Options(this);
            }
        }
    }
}
