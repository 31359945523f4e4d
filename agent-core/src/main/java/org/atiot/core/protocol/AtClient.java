package org.atiot.core.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.keys.AtKeys;

/**
 * An atSign's typed view of its atServer over one {@link AtConnection}: authentication and the data and
 * notification verbs. Not for concurrent use by several threads (the protocol allows one request at a time).
 */
public final class AtClient implements AutoCloseable {
    private final AtSign atSign;
    private final AtConnection connection;
    private final AtClientOptions options;

    private AtClient(AtSign atSign, AtConnection connection, AtClientOptions options) {
        this.atSign = atSign;
        this.connection = connection;
        this.options = options;
    }

    /** Finds {@code atSign}'s atServer through the atDirectory and connects (not yet authenticated). */
    public static AtClient connect(AtSign atSign, AtClientOptions options, NotificationListener listener)
            throws IOException {
        HostAndPort address = new DirectoryClient(options.directory, options.tls).lookup(atSign)
                .orElseThrow(() -> new AtServerErrorException.AtServerNotFoundException(
                        "the atDirectory " + options.directory + " does not know " + atSign));
        return connect(atSign, address, options, listener);
    }

    /** Connects to a known atServer address (not yet authenticated). */
    public static AtClient connect(AtSign atSign, HostAndPort server, AtClientOptions options,
                                   NotificationListener listener) throws IOException {
        return new AtClient(atSign, AtConnection.open(server, options.tls, options.connectTimeout,
                options.maxLineBytes, listener), options);
    }

    public AtSign atSign() {
        return atSign;
    }

    public AtConnection connection() {
        return connection;
    }

    /**
     * PKAM authentication (wire reference §3.3): signs the {@code from:} challenge with the key file's PKAM key;
     * APKAM when the key file carries an enrollment id.
     */
    public void authenticate(AtKeys keys) throws IOException {
        authenticate(keys, HashAlgorithm.SHA256);
    }

    public void authenticate(AtKeys keys, HashAlgorithm hash) throws IOException {
        if (!keys.atSign().equals(atSign)) {
            throw new IllegalArgumentException("keys of " + keys.atSign() + " cannot authenticate " + atSign);
        }
        String challenge = challenge();
        String signature = keys.pkam().privateKey().sign(challenge, hash);
        StringBuilder command = new StringBuilder("pkam:signingAlgo:rsa2048:hashingAlgo:").append(hash.wireName());
        keys.enrollmentId().ifPresent(id -> command.append(":enrollmentId:").append(id));
        expectSuccess(execute(command.append(':').append(signature).toString()), "pkam");
    }

    /** CRAM authentication with the atSign's shared secret (first onboarding only). */
    public void cram(String cramSecret) throws IOException {
        String challenge = challenge();
        expectSuccess(execute("cram:" + Digests.cramDigest(cramSecret, challenge)), "cram");
    }

    /** {@code update}: returns the commit id ({@code -1} for keys the server does not commit). */
    public long update(AtKey key, String value, Metadata metadata) throws IOException {
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("values must be one line");
        }
        return parseLong(execute("update" + metadata.toFragment() + ":" + key.toProtocol() + " " + value), "update");
    }

    /** {@code update:meta}: changes a key's metadata only (creating it without a value if it is new). */
    public long updateMeta(AtKey key, Metadata metadata) throws IOException {
        return parseLong(execute("update:meta:" + key.toProtocol() + metadata.toFragment()), "update:meta");
    }

    /** {@code llookup:meta}: the stored metadata as the server prints it (dates, version, ttl, ...). */
    public java.util.Map<String, Object> llookupMeta(AtKey key) throws IOException {
        return jsonObject(execute("llookup:meta:" + key.toProtocol()), "llookup:meta");
    }

    /** {@code llookup:all}: {@code key}, {@code data} and {@code metaData} in one document. */
    public java.util.Map<String, Object> llookupAll(AtKey key) throws IOException {
        return jsonObject(execute("llookup:all:" + key.toProtocol()), "llookup:all");
    }

    /** {@code notify:fetch}: the stored notification record (every value a string, as the server keeps it). */
    public java.util.Map<String, Object> notifyFetch(String notificationId) throws IOException {
        return jsonObject(execute("notify:fetch:" + notificationId), "notify:fetch");
    }

    /** {@code llookup}: our own store, verbatim; {@code null} when the key exists but is expired or not yet born. */
    public String llookup(AtKey key) throws IOException {
        return nullable(execute("llookup:" + key.toProtocol()));
    }

    /** {@code lookup}: another atSign's key shared with us (or public), through our server. */
    public String lookup(String keyName, AtSign owner) throws IOException {
        return nullable(execute("lookup:" + keyName + owner));
    }

    /** {@code plookup}: another atSign's public key, through our server's cache unless {@code bypassCache}. */
    public String plookup(String keyName, AtSign owner, boolean bypassCache) throws IOException {
        return nullable(execute("plookup:" + (bypassCache ? "bypassCache:true:" : "") + keyName + owner));
    }

    /** {@code delete}: returns the commit id. */
    public long delete(AtKey key) throws IOException {
        return parseLong(execute("delete:" + key.toProtocol()), "delete");
    }

    /** {@code scan} with an optional regex. */
    public List<String> scan(String regex) throws IOException {
        String data = execute(regex == null ? "scan" : "scan " + regex);
        try {
            List<String> keys = new ArrayList<>();
            for (Object o : (List<?>) Json.parse(data)) {
                keys.add(String.valueOf(o));
            }
            return keys;
        } catch (JsonException | ClassCastException e) {
            throw new AtProtocolException("scan answer is not a JSON list: " + AtProtocolException.quote(data));
        }
    }

    /** Sends a notification; returns its id as the server acknowledged it. */
    public String notify(NotifyRequest request) throws IOException {
        return execute(request.toCommand());
    }

    /** {@code notify:status}: {@code delivered}, {@code errored}, {@code queued}, {@code expired} or {@code null}. */
    public String notifyStatus(String notificationId) throws IOException {
        return nullable(execute("notify:status:" + notificationId));
    }

    /**
     * Turns this connection into a monitor: notifications newer than {@code sinceEpochMillis} are replayed, then
     * live ones follow, to the listener given at connect time. The server sends no answer.
     */
    public void monitor(long sinceEpochMillis, String regex) throws IOException {
        connection.send("monitor:" + Math.max(0, sinceEpochMillis) + (regex == null ? "" : " " + regex));
    }

    /** {@code otp:get}: a one-time passcode a new device presents with its enrollment request (owner only). */
    public String otp() throws IOException {
        return execute("otp:get");
    }

    /**
     * An APKAM {@code enroll:} operation (wire reference §3.6) with its JSON parameters; returns the answer's
     * JSON object.
     */
    public java.util.Map<String, Object> enroll(EnrollOperation operation, java.util.Map<String, Object> params)
            throws IOException {
        String command = "enroll:" + operation.wireName() + (params.isEmpty() && operation == EnrollOperation.LIST
                ? "" : ":" + Json.write(params));
        return jsonObject(execute(command), "enroll:" + operation.wireName());
    }

    /** {@code keys:get:keyName:<name>} on an APKAM connection: the stored key's {@code value}. */
    public String keysGet(String keyName) throws IOException {
        Object value = jsonObject(execute("keys:get:keyName:" + keyName), "keys:get").get("value");
        if (!(value instanceof String)) {
            throw new AtProtocolException("keys:get of " + keyName + " has no value");
        }
        return (String) value;
    }

    /** {@code noop:0} round trip, for liveness. */
    public void noop() throws IOException {
        String data = execute("noop:0");
        if (!data.equals("ok")) {
            throw new AtProtocolException("noop answered " + AtProtocolException.quote(data));
        }
    }

    /** {@code info}: the server's version document. */
    public String info() throws IOException {
        return execute("info");
    }

    @Override
    public void close() {
        connection.close();
    }

    private String challenge() throws IOException {
        String data = execute("from:" + atSign + ":clientConfig:" + AtClientOptions.DEFAULT_CLIENT_CONFIG);
        if (data.startsWith("proof:") || !data.contains(atSign.toString() + ":")) {
            throw new AtProtocolException("from: answered with no challenge for " + atSign + ": "
                    + AtProtocolException.quote(data));
        }
        return data.trim();
    }

    private String execute(String command) throws IOException {
        return connection.execute(command, options.responseTimeout);
    }

    private static void expectSuccess(String data, String verb) throws AtProtocolException {
        if (!data.equals("success")) {
            throw new AtProtocolException(verb + " answered " + AtProtocolException.quote(data));
        }
    }

    private static java.util.Map<String, Object> jsonObject(String data, String verb) throws AtProtocolException {
        try {
            return Json.parseObject(data);
        } catch (JsonException e) {
            throw new AtProtocolException(verb + " answered " + AtProtocolException.quote(data));
        }
    }

    private static String nullable(String data) {
        return data.equals("null") ? null : data;
    }

    private static long parseLong(String data, String verb) throws AtProtocolException {
        try {
            return Long.parseLong(data.trim());
        } catch (NumberFormatException e) {
            throw new AtProtocolException(verb + " answered " + AtProtocolException.quote(data)
                    + " where a commit id was expected");
        }
    }
}
