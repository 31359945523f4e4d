package org.atiot.platform.server.internal;

import java.util.Map;

/**
 * An error a verb answers with: an AT code, the message after the code's table text, and whether the server hangs
 * up afterwards (wire reference §8). {@link ErrorLine} turns it into one of the three wire forms.
 */
public final class ServerError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The code table's description texts, used in front of the message on owner connections. */
    static final Map<String, String> TABLE_TEXT = Map.ofEntries(
            Map.entry("AT0001", "Server exception"),
            Map.entry("AT0002", "DataStore exception"),
            Map.entry("AT0003", "Invalid syntax"),
            Map.entry("AT0004", "Socket error"),
            Map.entry("AT0005", "Buffer limit exceeded"),
            Map.entry("AT0006", "Outbound connection limit exceeded"),
            Map.entry("AT0007", "Secondary server not found"),
            Map.entry("AT0008", "Handshake failure"),
            Map.entry("AT0009", "UnAuthorized client in request"),
            Map.entry("AT0010", "Internal server error"),
            Map.entry("AT0011", "Internal server exception"),
            Map.entry("AT0012", "Inbound connection limit exceeded"),
            Map.entry("AT0013", "Connection Exception"),
            Map.entry("AT0015", "key not found"),
            Map.entry("AT0016", "Invalid key"),
            Map.entry("AT0021", "Unable to connect to secondary"),
            Map.entry("AT0022", "Illegal arguments"),
            Map.entry("AT0023", "Timeout waiting for response"),
            Map.entry("AT0024", "Server is paused"),
            Map.entry("AT0401", "Client authentication failed"));

    private final String code;
    private final boolean colonForm;
    private final boolean closeAfter;

    private ServerError(String code, String message, boolean colonForm, boolean closeAfter) {
        super(message, null, false, false); // control flow, not a bug: no stack trace needed
        this.code = code;
        this.colonForm = colonForm;
        this.closeAfter = closeAfter;
    }

    public static ServerError of(String code, String message) {
        return new ServerError(code, message, false, false);
    }

    /** An error after which the connection is closed (invalid atSign, buffer overflow, unexpected failures). */
    public static ServerError closing(String code, String message) {
        return new ServerError(code, message, false, true);
    }

    /** The APKAM "response error" form {@code error:AT0028:<message>}: never JSON (wire reference §8.2). */
    public static ServerError colon(String code, String message) {
        return new ServerError(code, message, true, false);
    }

    public static ServerError invalidCommand() {
        return of("AT0003", "invalid command");
    }

    public static ServerError invalidSyntax(String usage) {
        return of("AT0003", "Invalid syntax. e.g. " + usage);
    }

    public static ServerError keyNotFound(String key) {
        return of("AT0015", key + " does not exist in keystore");
    }

    public static ServerError authRequired() {
        return of("AT0401", "Command cannot be executed without auth");
    }

    public static ServerError invalidKey(String message) {
        return of("AT0016", message);
    }

    public String code() {
        return code;
    }

    public boolean colonForm() {
        return colonForm;
    }

    public boolean closeAfter() {
        return closeAfter;
    }
}
