package org.atiot.agent.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.commands.CommandFormatException;
import org.atiot.agent.commands.CommandRequest;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.telemetry.SequenceTracker;
import org.atiot.agent.telemetry.TelemetryBatch;
import org.atiot.agent.telemetry.TelemetryDecoder;
import org.atiot.agent.telemetry.TelemetryFormatException;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.crypto.DecryptionException;
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
import org.atiot.core.sharing.SharedValueDecryptor;

/**
 * The operator's side: authenticated as the operator's atSign, it decrypts telemetry and acknowledgements from
 * devices as they arrive (monitor) and sends encrypted commands, all over one connection.
 */
public final class OperatorSession implements AutoCloseable {
    private static final int MAX_REMEMBERED_KEYS = 256;
    private static final String MONITOR_REGEX = "(telemetry|ack)\\.atiot";

    private final AtKeys keys;
    private final AtClient client;
    private final SharedValueDecryptor decryptor;
    private final SequenceTracker sequences = new SequenceTracker();
    private final Map<AtSign, RsaPublicKey> devicePublicKeys = new ConcurrentHashMap<>();
    private final SharedKey commandKey = SharedKey.generate();
    private final Map<String, AesKey> sharedKeys = new ConcurrentHashMap<>();
    private final OperatorListener listener;
    private final Clock clock;

    private OperatorSession(AtKeys keys, AtClientOptions options, OperatorListener listener, Clock clock)
            throws IOException {
        this.keys = keys;
        this.listener = listener;
        this.clock = clock;
        this.decryptor = new SharedValueDecryptor(keys.encryption().privateKey());
        this.client = AtClient.connect(keys.atSign(), options, new Dispatch());
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
        EncryptedValue encrypted = commandKey.encryptFor(request.toJson(), deviceKey, null);
        Metadata meta = Metadata.builder().isEncrypted(true).sharedKeyEnc(encrypted.sharedKeyEnc())
                .pubKeyCS(encrypted.pubKeyCs()).ivNonce(encrypted.ivNonce()).build();
        client.notify(NotifyRequest.builder(keys.atSign(), device, Outbox.COMMAND_KEY).id(request.id())
                .ttln(lifetime).metadata(meta).value(encrypted.ciphertext()).build());
        return request.id();
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
    }

    /** The sender's key from its inlined copy; RSA is the costly part, so copies seen before are remembered. */
    private AesKey sharedKey(String copy) throws CryptoException {
        if (copy == null || copy.isEmpty() || "null".equals(copy)) {
            throw new DecryptionException("the notification carries no sharedKeyEnc");
        }
        AesKey known = sharedKeys.get(copy);
        if (known == null) {
            known = decryptor.sharedKey(copy);
            if (sharedKeys.size() >= MAX_REMEMBERED_KEYS) {
                sharedKeys.clear();
            }
            sharedKeys.put(copy, known);
        }
        return known;
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
            try {
                String json = SharedValueDecryptor.decrypt(n.value(), n.metadata().get("ivNonce"),
                        sharedKey(n.metadata().get("sharedKeyEnc")));
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
            } catch (CryptoException | TelemetryFormatException | CommandFormatException e) {
                listener.onUnreadable(from, n.id(), e.getMessage());
            }
        }

        @Override
        public void onClosed(Exception cause) {
            listener.onClosed(cause);
        }
    }
}
