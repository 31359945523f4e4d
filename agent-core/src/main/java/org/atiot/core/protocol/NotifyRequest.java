package org.atiot.core.protocol;

import java.util.Objects;
import org.atiot.core.AtSign;

/**
 * A {@code notify:} command (wire reference §6.1), parameters in the server's fixed order:
 * id, operation, messageType, priority, strategy, latestN, notifier, ttln, metadata, recipient, key, value.
 */
public final class NotifyRequest {
    private final String id;
    private final String operation;
    private final String messageType;
    private final Long ttlnMillis;
    private final Metadata metadata;
    private final AtSign recipient;
    private final String keyName;
    private final AtSign sender;
    private final String value;

    private NotifyRequest(Builder b) {
        this.id = b.id;
        this.operation = b.operation;
        this.messageType = b.messageType;
        this.ttlnMillis = b.ttlnMillis;
        this.metadata = b.metadata;
        this.recipient = Objects.requireNonNull(b.recipient, "recipient");
        this.keyName = Objects.requireNonNull(b.keyName, "key");
        this.sender = Objects.requireNonNull(b.sender, "sender");
        this.value = b.value;
    }

    public static Builder builder(AtSign sender, AtSign recipient, String keyName) {
        return new Builder(sender, recipient, keyName);
    }

    public String toCommand() {
        StringBuilder sb = new StringBuilder("notify");
        if (id != null) {
            sb.append(":id:").append(id);
        }
        sb.append(':').append(operation).append(":messageType:").append(messageType);
        if (ttlnMillis != null) {
            sb.append(":ttln:").append(ttlnMillis);
        }
        sb.append(metadata.toFragment()).append(':').append(recipient).append(':').append(keyName).append(sender);
        if (value != null) {
            sb.append(':').append(value);
        }
        return sb.toString();
    }

    /** Builds a {@link NotifyRequest}; values are checked at once. */
    public static final class Builder {
        private final AtSign sender;
        private final AtSign recipient;
        private final String keyName;
        private String id;
        private String operation = "update";
        private String messageType = "key";
        private Long ttlnMillis;
        private Metadata metadata = Metadata.NONE;
        private String value;

        private Builder(AtSign sender, AtSign recipient, String keyName) {
            this.sender = sender;
            this.recipient = recipient;
            AtKey.self(keyName, sender); // validates the name
            this.keyName = keyName;
        }

        /** A caller-chosen id ({@code [\w-]}, at most 248 characters): stable across retries, so receivers de-duplicate. */
        public Builder id(String id) {
            if (!id.matches("[\\w-]{1,248}")) {
                throw new IllegalArgumentException("notification id must be 1-248 of [A-Za-z0-9_-], got '" + id + "'");
            }
            this.id = id;
            return this;
        }

        public Builder delete() {
            this.operation = "delete";
            return this;
        }

        public Builder ttln(java.time.Duration ttln) {
            this.ttlnMillis = ttln.toMillis();
            return this;
        }

        public Builder metadata(Metadata metadata) {
            this.metadata = Objects.requireNonNull(metadata);
            return this;
        }

        /** The value; must be one line (ciphertext is base64). */
        public Builder value(String value) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a notification value must be one line");
            }
            this.value = value;
            return this;
        }

        public NotifyRequest build() {
            return new NotifyRequest(this);
        }
    }
}
