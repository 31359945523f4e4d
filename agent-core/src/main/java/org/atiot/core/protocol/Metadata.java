package org.atiot.core.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata attributes of update and notify commands, written in the one order the server's regex accepts
 * (wire reference §4.3): ttl, ttb, ttr, ccd, dataSignature, sharedKeyStatus, isBinary, isEncrypted, sharedKeyEnc,
 * pubKeyCS, encoding, encKeyName, encAlgo, ivNonce, skeEncKeyName, skeEncAlgo. Immutable; build with {@link #builder()}.
 */
public final class Metadata {
    static final String[] ORDER = {"ttl", "ttb", "ttr", "ccd", "dataSignature", "sharedKeyStatus", "isBinary",
        "isEncrypted", "sharedKeyEnc", "pubKeyCS", "encoding", "encKeyName", "encAlgo", "ivNonce", "skeEncKeyName",
        "skeEncAlgo"};
    public static final Metadata NONE = builder().build();

    private final Map<String, String> values;

    private Metadata(Map<String, String> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code :ttl:60000:isEncrypted:true...} (empty when nothing is set). */
    public String toFragment() {
        StringBuilder sb = new StringBuilder();
        for (String name : ORDER) {
            String v = values.get(name);
            if (v != null) {
                sb.append(':').append(name).append(':').append(v);
            }
        }
        return sb.toString();
    }

    public String get(String name) {
        return values.get(name);
    }

    /** Builds {@link Metadata}; values are checked at once (no ':', '@' or whitespace, as the server requires). */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder ttlMillis(long ms) {
            return number("ttl", ms, 0);
        }

        public Builder ttbMillis(long ms) {
            return number("ttb", ms, 0);
        }

        /** Seconds in the real server (the spec says ms); -1 = cache forever. */
        public Builder ttrSeconds(long seconds) {
            return number("ttr", seconds, -1);
        }

        public Builder ccd(boolean ccd) {
            values.put("ccd", String.valueOf(ccd));
            return this;
        }

        public Builder isBinary(boolean binary) {
            values.put("isBinary", String.valueOf(binary));
            return this;
        }

        public Builder isEncrypted(boolean encrypted) {
            values.put("isEncrypted", String.valueOf(encrypted));
            return this;
        }

        public Builder sharedKeyEnc(String v) {
            return text("sharedKeyEnc", v);
        }

        public Builder pubKeyCS(String v) {
            return text("pubKeyCS", v);
        }

        public Builder ivNonce(String v) {
            return text("ivNonce", v);
        }

        public Builder dataSignature(String v) {
            return text("dataSignature", v);
        }

        public Builder encoding(String v) {
            return text("encoding", v);
        }

        public Builder encKeyName(String v) {
            return text("encKeyName", v);
        }

        public Builder encAlgo(String v) {
            return text("encAlgo", v);
        }

        public Metadata build() {
            return new Metadata(new LinkedHashMap<>(values));
        }

        private Builder number(String name, long v, long min) {
            if (v < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
            }
            values.put(name, String.valueOf(v));
            return this;
        }

        private Builder text(String name, String v) {
            if (v == null) {
                values.remove(name);
                return this;
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == ':' || c == '@' || Character.isWhitespace(c)) {
                    throw new IllegalArgumentException(name + " may not contain ':', '@' or whitespace");
                }
            }
            values.put(name, v);
            return this;
        }
    }
}
