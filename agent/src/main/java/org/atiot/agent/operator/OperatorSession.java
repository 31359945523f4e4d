package org.atiot.agent.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.commands.CommandRequest;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.telemetry.SequenceTracker;
import org.atiot.agent.telemetry.TelemetryBatch;
import org.atiot.agent.telemetry.TelemetryDecoder;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.core.protocol.NotifyRequest;
import org.atiot.core.sharing.EncryptedValue;
import org.atiot.core.sharing.SharedKey;
import org.atiot.core.sharing.IncomingKeys;
import org.atiot.core.protocol.AtKey;

/**
 * The operator's side: authenticated as the operator's atSign, it decrypts telemetry and acknowledgements from
 * devices as they arrive (monitor) and sends encrypted commands, all over one connection.
 */
public final class OperatorSession implements AutoCloseable {
    private static final String MONITOR_REGEX = "(telemetry|ack)\\.atiot";

    private final AtKeys keys;
    private final AtClient client;
    private final IncomingKeys incoming;
    private final java.util.concurrent.ExecutorService decrypting;
    private final SequenceTracker sequences = new SequenceTracker();
    private final Map<AtSign, RsaPublicKey> devicePublicKeys = new ConcurrentHashMap<>();
    private final Map<AtSign, SharedKey> commandKeys = new ConcurrentHashMap<>();
    private final OperatorListener listener;
    private final Clock clock;

    private OperatorSession(AtKeys keys, AtClientOptions options, OperatorListener listener, Clock clock)
            throws IOException {
        this.keys = keys;
        this.listener = listener;
        this.clock = clock;
        // Decryption may need a lookup on this same connection, which the reader thread must never wait for.
        this.decrypting = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atiot-operator-decrypt");
            t.setDaemon(true);
            return t;
        });
        this.client = AtClient.connect(keys.atSign(), options, new Dispatch());
        this.incoming = new IncomingKeys(keys.encryption().privateKey(),
                sender -> client.lookup("shared_key", sender));
        try {
            client.authenticate(keys);
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    public static OperatorSession open(AtKeys keys, AtClientOptions options, OperatorListener listener)
            throws IOException {
        return new OperatorSession(keys, options, listener, Clock.systemUTC());
    }

    /** Starts receiving; notifications newer than {@code sinceEpochMillis} are replayed first. */
    public void watch(long sinceEpochMillis) throws IOException {
        client.monitor(sinceEpochMillis, MONITOR_REGEX);
    }

    /** Sends a command to a device's actuator; returns the command id its acknowledgement will carry. */
    public String send(AtSign device, String actuator, double value, Duration lifetime) throws IOException {
        return send(device, CommandRequest.create(actuator, value, clock.instant(), lifetime));
    }

    /** Sends a prepared command (the same request twice is a replay the device must refuse). */
    public String send(AtSign device, CommandRequest request) throws IOException {
        Duration lifetime = Duration.between(clock.instant(), request.expiresAt());
        if (lifetime.isNegative() || lifetime.isZero()) {
            lifetime = Duration.ofMinutes(1); // the notification outlives the command so the device can refuse it
        }
        RsaPublicKey deviceKey = devicePublicKey(device);
        EncryptedValue encrypted = commandKey(device, deviceKey).encryptFor(request.toJson(), deviceKey, null);
        Metadata meta = Metadata.builder().isEncrypted(true).sharedKeyEnc(encrypted.sharedKeyEnc())
                .pubKeyCS(encrypted.pubKeyCs()).ivNonce(encrypted.ivNonce()).build();
        client.notify(NotifyRequest.builder(keys.atSign(), device, Outbox.COMMAND_KEY).id(request.id())
                .ttln(lifetime).metadata(meta).value(encrypted.ciphertext()).build());
        return request.id();
    }

    /**
     * The key this operator shares with {@code device}, as the SDKs keep it: our own copy at
     * {@code shared_key.<device>@us}, the device's at {@code @device:shared_key@us} so that it can decrypt commands
     * replayed to it without the inline copy.
     */
    private SharedKey commandKey(AtSign device, RsaPublicKey deviceKey) throws IOException {
        SharedKey known = commandKeys.get(device);
        if (known != null) {
            return known;
        }
        AtKey ownCopy = AtKey.self("shared_key." + device.withoutPrefix(), keys.atSign());
        SharedKey key = null;
        try {
            String stored = client.llookup(ownCopy);
            if (stored != null) {
                key = SharedKey.recover(stored, keys.encryption().privateKey());
            }
        } catch (AtServerErrorException.AtKeyNotFoundException none) {
            // first command to this device: make the key below
        } catch (CryptoException e) {
            throw new IOException("our stored key for " + device + " does not decrypt: " + e.getMessage(), e);
        }
        if (key == null) {
            key = SharedKey.generate();
            client.update(ownCopy, key.copyFor(keys.encryption().publicKey()), Metadata.NONE);
        }
        client.update(AtKey.shared("shared_key", keys.atSign(), device), key.copyFor(deviceKey),
                Metadata.builder().ttrSeconds(Duration.ofDays(1).toSeconds()).build());
        commandKeys.put(device, key);
        return key;
    }

    private RsaPublicKey devicePublicKey(AtSign device) throws IOException {
        RsaPublicKey known = devicePublicKeys.get(device);
        if (known != null) {
            return known;
        }
        String text = client.plookup("publickey", device, false);
        if (text == null) {
            throw new AtServerErrorException.AtKeyNotFoundException(device + " has no public encryption key");
        }
        try {
            RsaPublicKey key = RsaPublicKey.fromBase64(text);
            devicePublicKeys.put(device, key);
            return key;
        } catch (KeyFormatException e) {
            throw new IOException("the public key of " + device + " is unusable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        decrypting.shutdownNow();
    }

    private final class Dispatch implements NotificationListener {
        @Override
        public void onNotification(Notification n) {
            if (n.isStats() || n.value() == null) {
                return;
            }
            AtSign from;
            try {
                from = AtSign.of(n.from());
            } catch (IllegalArgumentException e) {
                return;
            }
            boolean telemetry = n.key().contains(":" + Outbox.TELEMETRY_KEY + "@");
            boolean ack = n.key().contains(":" + Outbox.ACK_KEY + "@");
            if (!telemetry && !ack) {
                return;
            }
            decrypting.execute(() -> deliver(n, from, telemetry));
        }

        private void deliver(Notification n, AtSign from, boolean telemetry) {
            try {
                String json = incoming.decrypt(from, n.value(), n.metadata().get("ivNonce"),
                        n.metadata().get("sharedKeyEnc"));
                if (telemetry) {
                    TelemetryBatch batch = TelemetryDecoder.decode(json);
                    if (!batch.device().equals(from)) {
                        listener.onUnreadable(from, n.id(), "batch claims to come from " + batch.device());
                        return;
                    }
                    listener.onTelemetry(from, sequences.track(batch));
                } else {
                    listener.onAck(from, CommandAck.parse(json));
                }
            } catch (IOException | CryptoException e) { // including malformed telemetry and acknowledgements
                listener.onUnreadable(from, n.id(), e.getMessage());
            }
        }

        @Override
        public void onClosed(Exception cause) {
            listener.onClosed(cause);
        }
    }
}
