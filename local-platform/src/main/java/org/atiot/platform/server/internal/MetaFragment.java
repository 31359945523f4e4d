package org.atiot.platform.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The metadata fragment shared by update, update:meta and notify (wire reference §5): the regex text with one
 * named group per attribute, in the fixed order the real server accepts, and the values a command carried.
 */
final class MetaFragment {
    /** Attributes in wire order; the free-text ones may not contain {@code :}, {@code @} or whitespace. */
    static final List<String> ATTRIBUTES = List.of("ttl", "ttb", "ttr", "ccd", "dataSignature", "sharedKeyStatus",
            "isBinary", "isEncrypted", "sharedKeyEnc", "pubKeyCS", "encoding", "encKeyName", "encAlgo", "ivNonce",
            "skeEncKeyName", "skeEncAlgo");

    static final String REGEX = "(:ttl:(?<ttl>-?\\d+))?(:ttb:(?<ttb>-?\\d+))?(:ttr:(?<ttr>-?\\d+))?"
            + "(:ccd:(?<ccd>true|false))?(:dataSignature:(?<dataSignature>[^:@\\s]+))?"
            + "(:sharedKeyStatus:(?<sharedKeyStatus>[^:@\\s]+))?(:isBinary:(?<isBinary>true|false))?"
            + "(:isEncrypted:(?<isEncrypted>true|false))?(:sharedKeyEnc:(?<sharedKeyEnc>[^:@\\s]+))?"
            + "(:pubKeyCS:(?<pubKeyCS>[^:@\\s]+))?(:encoding:(?<encoding>[^:@\\s]+))?"
            + "(:encKeyName:(?<encKeyName>[^:@\\s]+))?(:encAlgo:(?<encAlgo>[^:@\\s]+))?"
            + "(:ivNonce:(?<ivNonce>[^:@\\s]+))?(:skeEncKeyName:(?<skeEncKeyName>[^:@\\s]+))?"
            + "(:skeEncAlgo:(?<skeEncAlgo>[^:@\\s]+))?";

    private MetaFragment() {
    }

    /** The attributes present in a matched command, as given (the literal {@code null} means "clear"). */
    static Map<String, String> read(Matcher m) throws ServerError {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            String v = m.group(name);
            if (v != null) {
                given.put(name, v);
            }
        }
        checkNumbers(given);
        return given;
    }

    private static void checkNumbers(Map<String, String> given) throws ServerError {
        for (String name : List.of("ttl", "ttb")) {
            String v = given.get(name);
            if (v != null && (v.startsWith("-") || v.length() > 18)) {
                throw ServerError.of("AT0003", "Valid values for " + name.toUpperCase() + " are 0 and integers"
                        + " greater than 0");
            }
        }
        String ttr = given.get("ttr");
        if (ttr != null && (ttr.length() > 18 || Long.parseLong(ttr) < -1)) {
            throw ServerError.of("AT0003", "Valid value for TTR should be greater than or equal to -1");
        }
    }
}
