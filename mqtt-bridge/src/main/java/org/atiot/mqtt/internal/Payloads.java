package org.atiot.mqtt.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/** Turns a message payload into a number, with a short reason when it cannot. */
public final class Payloads {
    /** Larger payloads are refused unread: no sensor value needs them and they cost heap. */
    public static final int MAX_BYTES = 64 * 1024;

    private Payloads() {
    }

    /** A payload that does not hold the expected number. */
    public static final class BadPayload extends Exception {
        private static final long serialVersionUID = 1L;

        BadPayload(String reason) {
            super(reason, null, false, false);
        }
    }

    public static String text(byte[] payload) throws BadPayload {
        if (payload.length > MAX_BYTES) {
            throw new BadPayload("payload of " + payload.length + " bytes is over the " + MAX_BYTES + "-byte limit");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new BadPayload("payload is not UTF-8 text");
        }
    }

    /** A plain number such as {@code 21.5}; also {@code ON}/{@code OFF} and {@code true}/{@code false} as 1/0. */
    public static double number(String text) throws BadPayload {
        String s = text.strip();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "on":
            case "true":
                return 1;
            case "off":
            case "false":
                return 0;
            default:
                break;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d) && !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadPayload("expected a number, got " + quote(s));
    }

    /** The number at {@code pointer} (RFC 6901) in a JSON document. */
    public static double atPointer(Object json, String pointer) throws BadPayload {
        Object node = json;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node instanceof Map) {
                node = ((Map<?, ?>) node).get(token);
            } else if (node instanceof List && token.matches("0|[1-9][0-9]{0,8}")) {
                List<?> list = (List<?>) node;
                int i = Integer.parseInt(token);
                node = i < list.size() ? list.get(i) : null;
            } else {
                node = null;
            }
            if (node == null) {
                throw new BadPayload("no value at " + pointer);
            }
        }
        if (node instanceof Number) {
            double d = ((Number) node).doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        if (node instanceof Boolean) {
            return (Boolean) node ? 1 : 0;
        }
        if (node instanceof String) {
            return number((String) node);
        }
        throw new BadPayload("value at " + pointer + " is not a number");
    }

    public static Object json(String text) throws BadPayload {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new BadPayload("payload is not JSON: " + e.getMessage());
        }
    }

    /** A payload quoted for a log line: short, one line, no control characters. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            out.append(c < 32 || c == 127 ? '?' : c);
        }
        return out.append(s.length() > 40 ? "...'" : "'").toString();
    }
}
