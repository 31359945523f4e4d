package org.atiot.mqtt.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import org.atiot.core.protocol.TlsTrust;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * One MQTT client connection that keeps itself up: connects in the background, and after a failure or a lost
 * connection tries again after a delay that doubles up to a ceiling, spread by random jitter so that a fleet does
 * not stampede a restarted broker. Subscriptions are made again on every connect. In-flight state is kept in
 * memory only (never files in the working directory).
 */
public final class BrokerConnection implements AutoCloseable {
    /** The connection's settings. */
    public static final class Settings {
        URI broker;
        String clientId;
        String username;
        Path passwordFile;
        Path caFile;
        int keepAliveSeconds = 30;
        boolean cleanSession;
        long minBackoffMillis = 500;
        long maxBackoffMillis = 30_000;

        public Settings(URI broker, String clientId) {
            this.broker = broker;
            this.clientId = clientId;
        }

        public Settings auth(String username, Path passwordFile) {
            this.username = username;
            this.passwordFile = passwordFile;
            return this;
        }

        public Settings caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        public Settings keepAliveSeconds(int seconds) {
            this.keepAliveSeconds = seconds;
            return this;
        }

        /** A clean session forgets subscriptions and queued messages at disconnect (for publish-only clients). */
        public Settings cleanSession(boolean clean) {
            this.cleanSession = clean;
            return this;
        }

        public Settings backoff(long minMillis, long maxMillis) {
            this.minBackoffMillis = minMillis;
            this.maxBackoffMillis = maxMillis;
            return this;
        }
    }

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Settings settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final List<String> filters;
    private final BiConsumer<String, MqttMessage> onMessage;
    private final ScheduledThreadPoolExecutor connector;
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean closed;
    private long backoffMillis;
    private boolean failing;

    /**
     * @param filters subscribed at QoS 1 on every connect
     * @param onMessage called on the client's thread; must not throw
     * @throws IOException if the password or CA file cannot be used
     */
    public BrokerConnection(Settings settings, List<String> filters, BiConsumer<String, MqttMessage> onMessage)
            throws IOException {
        this.settings = settings;
        this.filters = List.copyOf(filters);
        this.onMessage = onMessage;
        this.options = options(settings);
        try {
            this.client = new MqttAsyncClient(settings.broker.toString(), settings.clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("MQTT broker " + settings.broker + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        this.connector = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "atiot-mqtt-connect");
            t.setDaemon(true);
            return t;
        });
        connector.setRemoveOnCancelPolicy(true);
        this.backoffMillis = settings.minBackoffMillis;
    }

    private static MqttConnectOptions options(Settings s) throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(s.cleanSession);
        o.setKeepAliveInterval(s.keepAliveSeconds);
        o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        o.setAutomaticReconnect(false); // ours has jitter and re-subscribes
        o.setMaxInflight(100);
        if (s.username != null) {
            o.setUserName(s.username);
        }
        if (s.passwordFile != null) {
            o.setPassword(readPassword(s.passwordFile));
        }
        if ("ssl".equals(s.broker.getScheme())) {
            SSLContext tls = TlsTrust.systemPlus(s.caFile);
            o.setSocketFactory(tls.getSocketFactory());
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    /** The first line of a file only its owner may read; refused otherwise, like the agent's key files. */
    static char[] readPassword(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("MQTT password file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                    || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException("MQTT password file " + file + " is readable by others; chmod 600 it");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        if (line.isEmpty()) {
            throw new IOException("MQTT password file " + file + " is empty");
        }
        return line.toCharArray();
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        connector.execute(this::attempt);
    }

    private void attempt() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS + 1));
            if (!filters.isEmpty()) {
                int[] qos = new int[filters.size()];
                java.util.Arrays.fill(qos, 1);
                client.subscribe(filters.toArray(new String[0]), qos).waitForCompletion(10_000);
            }
            connects.incrementAndGet();
            backoffMillis = settings.minBackoffMillis;
            if (failing) {
                Logger.info("MQTT broker {} reachable again", settings.broker);
            } else {
                Logger.info("MQTT broker {} connected as {}", settings.broker, settings.clientId);
            }
            failing = false;
        } catch (MqttException e) {
            if (!failing) {
                Logger.warn("MQTT broker {} unreachable ({}); retrying with backoff", settings.broker, reason(e));
            }
            failing = true;
            disconnectQuietly();
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (closed) {
            return;
        }
        long delay = backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
        backoffMillis = Math.min(settings.maxBackoffMillis, backoffMillis * 2);
        try {
            connector.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void disconnectQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
        } catch (MqttException e) {
            // already gone
        }
    }

    private static String reason(MqttException e) {
        Throwable c = e.getCause();
        return e.getMessage() + (c != null && c.getMessage() != null ? ": " + c.getMessage() : "");
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Successful connects so far (1 after the first, +1 per reconnect). */
    public long connects() {
        return connects.get();
    }

    /**
     * Publishes and, for QoS 1 with a positive timeout, waits for the broker's PUBACK.
     *
     * @throws IOException when not connected, or no PUBACK within {@code timeoutMillis}
     */
    public void publish(String topic, byte[] payload, int qos, boolean retain, long timeoutMillis) throws IOException {
        if (!client.isConnected()) {
            throw new IOException("MQTT broker " + settings.broker + " is not connected");
        }
        try {
            IMqttDeliveryToken token = client.publish(topic, payload, qos, retain);
            if (qos > 0 && timeoutMillis > 0) {
                token.waitForCompletion(timeoutMillis);
            }
        } catch (MqttException e) {
            throw new IOException("publish to " + topic + " failed: " + reason(e), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            disconnectQuietly();
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("closing the MQTT client: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // reported by attempt(), which also subscribes
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (closed) {
                return;
            }
            Logger.warn("MQTT broker {} connection lost ({}); reconnecting", settings.broker,
                    cause == null ? "closed" : cause.getMessage());
            try {
                connector.execute(() -> { // backoff state belongs to the connector thread
                    failing = true;
                    scheduleRetry();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onMessage.accept(topic, message);
            } catch (RuntimeException e) {
                // Throwing here would make the client drop the connection; a bad message must not do that.
                Logger.error("MQTT message on {} could not be handled: {}", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish() waits on its own token
        }
    }
}
