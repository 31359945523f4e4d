package org.atiot.platform.server.internal;

/** Classification and character rules of stored key names (wire reference §4.1, §4.2). */
final class KeyNames {
    static final int MAX_KEY_LENGTH = 248;
    static final int MAX_CACHED_KEY_LENGTH = 255;

    private KeyNames() {
    }

    /** The entity of a stored key: without {@code cached:}, {@code public:}, {@code @bob:} and the owner suffix. */
    static String entityOf(String key) {
        String k = key;
        if (k.startsWith("cached:")) {
            k = k.substring(7);
        }
        if (k.startsWith("public:")) {
            k = k.substring(7);
        } else if (k.startsWith("@")) {
            int colon = k.indexOf(':');
            if (colon > 0) {
                k = k.substring(colon + 1);
            }
        }
        int at = k.lastIndexOf('@');
        return at > 0 ? k.substring(0, at) : k;
    }

    /** Text after the entity's last dot, or null when it has none. */
    static String namespaceOf(String key) {
        String entity = entityOf(key);
        int dot = entity.lastIndexOf('.');
        return dot < 0 || dot == entity.length() - 1 ? null : entity.substring(dot + 1);
    }

    static boolean isHidden(String key) {
        return entityOf(key).startsWith("_");
    }

    /** Keys clients may read or write whatever their enrollment's namespaces are. */
    static boolean isReserved(String key) {
        String entity = entityOf(key);
        return entity.equals("publickey") || entity.equals("signing_publickey") || entity.startsWith("shared_key");
    }

    /** Keys {@code delete} refuses, judged on the key without its {@code public:}/{@code @bob:} prefix. */
    static boolean isProtected(String key, String owner) {
        String entity = entityOf(key);
        return entity.equals("signing_publickey") || entity.equals("signing_privatekey")
                || entity.equals("publickey") || key.equals("privatekey:at_pkam_publickey")
                || key.endsWith("at_pkam_publickey");
    }

    static void checkEntity(String entity) throws ServerError {
        if (entity.isEmpty()) {
            throw ServerError.invalidKey("You may not update keys of type KeyType.invalidKey");
        }
        for (int i = 0; i < entity.length(); ) {
            int cp = entity.codePointAt(i);
            if (!isEntityChar(cp)) {
                throw ServerError.invalidKey("You may not update keys of type KeyType.invalidKey");
            }
            i += Character.charCount(cp);
        }
    }

    static void checkLength(String key) throws ServerError {
        int max = key.startsWith("cached:") ? MAX_CACHED_KEY_LENGTH : MAX_KEY_LENGTH;
        if (key.length() > max) {
            throw ServerError.invalidKey("key length " + key.length() + " is greater than max allowed " + max
                    + " chars");
        }
    }

    private static boolean isEntityChar(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                || cp == '_' || cp == '.' || cp == '-' || cp == '\'' || cp == '*' || cp == '"'
                || cp == 0xA9 || cp == 0xAE || (cp >= 0x2000 && cp <= 0x3300) || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0x1F000 && cp <= 0x1FBFF);
    }
}
