package org.atiot.agent.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.io.OwnerOnlyFiles;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.sharing.SharedKey;

/**
 * The AES key the device shares with each recipient. Made on the device the first time a recipient needs one,
 * so that readings can be encrypted before the device has ever been online; kept on disk only as the device's
 * own RSA-encrypted copy (the form {@code shared_key.<recipient>@<device>} has on the atServer), never in clear.
 */
public final class RecipientKeys {
    private final Path dir;
    private final RsaKeyPair deviceEncryption;
    private final Map<AtSign, SharedKey> keys = new ConcurrentHashMap<>();

    public RecipientKeys(Path dir, RsaKeyPair deviceEncryption) {
        this.dir = dir;
        this.deviceEncryption = deviceEncryption;
    }

    /** The key shared with {@code recipient}: loaded, or made and saved (encrypted) before it is first used. */
    public SharedKey keyFor(AtSign recipient) throws IOException {
        SharedKey known = keys.get(recipient);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = keys.get(recipient);
            if (known == null) {
                known = loadOrCreate(recipient);
                keys.put(recipient, known);
            }
            return known;
        }
    }

    /** The device's own encrypted copy, as published at {@code shared_key.<recipient>@<device>}. */
    public String ownCopy(AtSign recipient) throws IOException {
        return keyFor(recipient).copyFor(deviceEncryption.publicKey());
    }

    private SharedKey loadOrCreate(AtSign recipient) throws IOException {
        Path file = dir.resolve(recipient.withoutPrefix() + ".key.json");
        if (Files.exists(file)) {
            try {
                Object copy = Json.parseObject(Files.readString(file)).get("ownCopy");
                return SharedKey.recover(String.valueOf(copy), deviceEncryption.privateKey());
            } catch (JsonException | CryptoException e) {
                throw new IOException("the shared key file " + file + " is damaged or made with other device keys ("
                        + e.getMessage() + "); remove it to start a new key for " + recipient
                        + " (queued readings encrypted with the old key would then be unreadable)", e);
            }
        }
        SharedKey key = SharedKey.generate();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("recipient", recipient.toString());
        doc.put("ownCopy", key.copyFor(deviceEncryption.publicKey()));
        OwnerOnlyFiles.writeAtomically(file, Json.write(doc).getBytes(StandardCharsets.UTF_8));
        return key;
    }
}
