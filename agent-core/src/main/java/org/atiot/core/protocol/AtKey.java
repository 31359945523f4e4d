package org.atiot.core.protocol;

import java.util.Objects;
import org.atiot.core.AtSign;

/** A key as the protocol names it: {@code public:x@alice}, {@code @bob:x@alice}, or self {@code x@alice}. */
public final class AtKey {
    private final String name;
    private final AtSign owner;
    private final AtSign sharedWith;
    private final boolean isPublic;

    private AtKey(String name, AtSign owner, AtSign sharedWith, boolean isPublic) {
        if (name == null || name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf('@') >= 0
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("key name '" + name + "' must be non-empty, without ':', '@' or spaces");
        }
        this.name = name;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.sharedWith = sharedWith;
        this.isPublic = isPublic;
    }

    public static AtKey self(String name, AtSign owner) {
        return new AtKey(name, owner, null, false);
    }

    public static AtKey shared(String name, AtSign owner, AtSign with) {
        return new AtKey(name, owner, Objects.requireNonNull(with, "with"), false);
    }

    public static AtKey publicKey(String name, AtSign owner) {
        return new AtKey(name, owner, null, true);
    }

    public String name() {
        return name;
    }

    public AtSign owner() {
        return owner;
    }

    /** {@code public:x@alice}, {@code @bob:x@alice} or {@code x@alice}. */
    public String toProtocol() {
        String prefix = isPublic ? "public:" : sharedWith != null ? sharedWith + ":" : "";
        return prefix + name + owner;
    }

    @Override
    public String toString() {
        return toProtocol();
    }
}
