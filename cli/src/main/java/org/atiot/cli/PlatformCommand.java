package org.atiot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.atiot.core.AtSign;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.server.AtServerConfig;

/** {@code atiot platform}: a local atDirectory and atServers for development, tests and LAN use. */
final class PlatformCommand implements Command {
    @Override
    public String name() {
        return "platform";
    }

    @Override
    public String summary() {
        return "create and serve a local atPlatform (no account needed)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot platform init --dir DIR [--host NAME] [--directory-port PORT] <@atsign>...",
                "       atiot platform start --dir DIR [--max-connections N] [--idle-timeout 10m]",
                "",
                "init   creates a local CA, a server certificate for NAME (default localhost) and a key file per",
                "       atSign under DIR/keys (mode 0600; existing key files are kept)",
                "start  serves the atDirectory (default port " + LocalPlatform.DEFAULT_DIRECTORY_PORT + ") and one"
                        + " atServer per atSign until Ctrl-C;",
                "       clients trust DIR/ca/ca.pem and use --directory NAME:PORT");
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("dir", "host", "directory-port", "max-connections", "idle-timeout"),
                Set.of());
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new UsageException("say what to do: init or start");
        }
        Path dir = Path.of(args.requiredOption("dir"));
        switch (words.get(0)) {
            case "init":
                return init(args, dir, words.subList(1, words.size()), console);
            case "start":
                return start(dir, args, console);
            default:
                throw new UsageException("unknown platform action '" + words.get(0) + "'");
        }
    }

    private int init(Args args, Path dir, List<String> names, Console console) throws Exception {
        if (names.isEmpty()) {
            throw new UsageException("name at least one atSign, e.g. @pi01 @alice");
        }
        List<AtSign> atSigns = new ArrayList<>();
        for (String n : names) {
            atSigns.add(ConnectionFlags.parseAtSign(n));
        }
        int port;
        try {
            port = Integer.parseInt(args.option("directory-port", Integer.toString(LocalPlatform.DEFAULT_DIRECTORY_PORT)));
        } catch (NumberFormatException e) {
            throw new UsageException("--directory-port must be a number");
        }
        String host = args.option("host", LocalPlatform.DEFAULT_HOST);
        console.err().println("creating a local CA and keys for " + atSigns + " (RSA key generation takes a moment)");
        LocalPlatform.init(dir, host, port, atSigns);
        console.out().println("local platform ready in " + dir);
        console.out().println("start it with: atiot platform start --dir " + dir);
        return ExitCode.OK;
    }

    private int start(Path dir, Args args, Console console) throws Exception {
        int maxConnections;
        try {
            maxConnections = Integer.parseInt(args.option("max-connections",
                    Integer.toString(AtServerConfig.DEFAULT_MAX_CONNECTIONS)));
        } catch (NumberFormatException e) {
            throw new UsageException("--max-connections must be a number");
        }
        java.time.Duration idle = args.duration("idle-timeout", AtServerConfig.DEFAULT_UNAUTHENTICATED_IDLE);
        ShutdownSignal signal = new ShutdownSignal();
        try (LocalPlatform platform = LocalPlatform.start(dir, b -> b.maxConnections(maxConnections)
                .unauthenticatedIdle(idle))) {
            console.out().println("atDirectory on " + platform.directory() + "; CA file " + platform.caFile());
            for (AtSign a : platform.atSigns()) {
                console.out().println("  " + a + " on port " + platform.server(a).port() + ", keys "
                        + platform.keyFile(a));
            }
            console.out().println("serving; Ctrl-C stops");
            signal.await();
        } finally {
            signal.done();
        }
        return ExitCode.OK;
    }
}
