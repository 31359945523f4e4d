package org.atiot.core.protocol;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/** One atServer answer: {@code data:<text>} or one of the three {@code error:} forms (wire reference §8.2). */
final class Response {
    private static final Pattern LEGACY_OR_COLON = Pattern.compile("^(AT\\d{4})[-:](.*)$", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("AT\\d{4}");

    private final String data;
    private final AtServerErrorException error;

    private Response(String data, AtServerErrorException error) {
        this.data = data;
        this.error = error;
    }

    /** Parses a complete response (possibly several lines for legacy errors), prompt already removed. */
    static Response parse(String text) throws AtProtocolException {
        if (text.startsWith("data:")) {
            String d = text.substring(5);
            return new Response(d.startsWith(" ") ? d.substring(1) : d, null); // stats answers "data: [...]"
        }
        if (text.startsWith("error:")) {
            return new Response(null, parseError(text.substring(6).trim()));
        }
        throw new AtProtocolException("unexpected line from the atServer: " + AtProtocolException.quote(text));
    }

    private static AtServerErrorException parseError(String payload) throws AtProtocolException {
        if (payload.startsWith("{")) {
            try {
                Map<String, Object> json = Json.parseObject(payload);
                Object code = json.get("errorCode");
                Object description = json.get("errorDescription");
                // Callers branch on the code, so a JSON error must carry a real one, as the other two forms do.
                if (code instanceof String && CODE.matcher((String) code).matches()) {
                    return AtServerErrorException.of((String) code, description == null ? "" : description.toString());
                }
            } catch (JsonException e) {
                // fall through to the protocol error below
            }
            throw new AtProtocolException("malformed JSON error: " + AtProtocolException.quote(payload));
        }
        Matcher m = LEGACY_OR_COLON.matcher(payload);
        if (m.matches()) {
            return AtServerErrorException.of(m.group(1), m.group(2).trim());
        }
        throw new AtProtocolException("error without an AT code: " + AtProtocolException.quote(payload));
    }

    /** The data text, or the server's error as a typed exception. */
    String dataOrThrow() throws AtServerErrorException {
        if (error != null) {
            throw AtServerErrorException.of(error.code(), error.description());
        }
        return data;
    }
}
