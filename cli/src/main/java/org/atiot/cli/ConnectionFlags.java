package org.atiot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.DirectoryClient;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.TlsTrust;

/** The options every operator verb shares: who we are, our key file, where the atDirectory is, extra trust. */
final class ConnectionFlags {
    static final Set<String> VALUED = Set.of("as", "keys", "directory", "ca");
    static final String USAGE = String.join("\n",
            "  --as @atsign        the operator's atSign (default: taken from --keys)",
            "  --keys FILE         its key file (default ~/.atsign/keys/@atsign_key.atKeys)",
            "  --directory H:P     the atDirectory (default root.atsign.org:64)",
            "  --ca FILE           also trust this CA (a local platform's ca/ca.pem)");

    final AtKeys keys;
    final AtClientOptions clientOptions;

    private ConnectionFlags(AtKeys keys, AtClientOptions clientOptions) {
        this.keys = keys;
        this.clientOptions = clientOptions;
    }

    static ConnectionFlags from(Args args) throws IOException, UsageException {
        String as = args.option("as", null);
        String keysPath = args.option("keys", null);
        if (as == null && keysPath == null) {
            throw new UsageException("say who you are: --as @atsign or --keys FILE");
        }
        AtKeys keys;
        if (keysPath == null) {
            AtSign atSign = parseAtSign(as);
            keys = AtKeysFile.read(AtKeysFile.defaultLocation(atSign), atSign);
        } else {
            keys = as == null ? AtKeysFile.read(Path.of(keysPath)) : AtKeysFile.read(Path.of(keysPath), parseAtSign(as));
        }
        return new ConnectionFlags(keys, clientOptions(args));
    }

    /** Where to connect and what to trust, without an identity (e.g. a device asking to enroll). */
    static AtClientOptions clientOptions(Args args) throws IOException, UsageException {
        HostAndPort directory;
        try {
            directory = HostAndPort.parse(args.option("directory", DirectoryClient.PRODUCTION.toString()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--directory: " + e.getMessage());
        }
        String ca = args.option("ca", null);
        return AtClientOptions.builder(TlsTrust.systemPlus(ca == null ? null : Path.of(ca))).directory(directory)
                .build();
    }

    static AtSign parseAtSign(String text) throws UsageException {
        try {
            return AtSign.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
