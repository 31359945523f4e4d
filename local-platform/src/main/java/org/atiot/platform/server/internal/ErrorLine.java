package org.atiot.platform.server.internal;

import org.atiot.core.json.Json;

/** Formats a {@link ServerError} the way the real server does for the connection's state (wire reference §8.2). */
final class ErrorLine {
    private ErrorLine() {
    }

    static String format(ServerError error, boolean ownerAuthenticated, boolean jsonErrors) {
        // Messages echo parts of the command, which may hold line breaks (one read, one command): an answer that
        // spans lines would let the rest pass for another answer or a notification on the client's side.
        String message = oneLine(error.getMessage());
        if (error.colonForm()) {
            return "error:" + error.code() + ":" + message;
        }
        String description = ownerAuthenticated
                ? ServerError.TABLE_TEXT.getOrDefault(error.code(), "Exception") + " : " + message
                : "Exception: " + message;
        if (jsonErrors) {
            StringBuilder json = new StringBuilder("error:{\"errorCode\":");
            Json.writeString(json, error.code());
            json.append(",\"errorDescription\":");
            Json.writeString(json, description);
            return json.append('}').toString();
        }
        return "error:" + error.code() + "-" + description;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }
}
