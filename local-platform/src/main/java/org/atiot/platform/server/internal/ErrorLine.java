package org.atiot.platform.server.internal;

import org.atiot.core.json.Json;

/** Formats a {@link ServerError} the way the real server does for the connection's state (wire reference §8.2). */
final class ErrorLine {
    private ErrorLine() {
    }

    static String format(ServerError error, boolean ownerAuthenticated, boolean jsonErrors) {
        if (error.colonForm()) {
            return "error:" + error.code() + ":" + error.getMessage();
        }
        String description = ownerAuthenticated
                ? ServerError.TABLE_TEXT.getOrDefault(error.code(), "Exception") + " : " + error.getMessage()
                : "Exception: " + error.getMessage();
        if (jsonErrors) {
            StringBuilder json = new StringBuilder("error:{\"errorCode\":");
            Json.writeString(json, error.code());
            json.append(",\"errorDescription\":");
            Json.writeString(json, description);
            return json.append('}').toString();
        }
        return "error:" + error.code() + "-" + description;
    }
}
