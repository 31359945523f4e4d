package org.atiot.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.core.AtSign;

/** {@code atiot watch}: live, decrypted telemetry and acknowledgements for the operator. */
final class WatchCommand implements Command {
    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "show decrypted telemetry from devices as it arrives";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot watch (--as @operator | --keys FILE) [--from @device] [--json] [--since EPOCH_MS]",
                "                   [--mqtt-out URL [--topic-prefix P] [--retain] [--ha-discovery]",
                "                    [--mqtt-user NAME --mqtt-password-file FILE] [--mqtt-ca FILE]]",
                "",
                "prints each reading once (duplicates dropped, gaps and restarts reported); --json prints one JSON",
                "object per line; Ctrl-C stops",
                "--mqtt-out URL   also publish each reading to a broker (tcp:// or ssl://) as",
                "                 <prefix>/<device>/<sensor>/<quantity> (prefix default atiot); --retain keeps the",
                "                 last value; --ha-discovery announces each sensor to Home Assistant",
                ConnectionFlags.USAGE);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Set<String> valued = new HashSet<>(ConnectionFlags.VALUED);
        valued.add("from");
        valued.add("since");
        valued.addAll(Set.of("mqtt-out", "topic-prefix", "mqtt-user", "mqtt-password-file", "mqtt-ca"));
        Args args = Args.parse(argv, valued, Set.of("json", "retain", "ha-discovery"));
        if (!args.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        ConnectionFlags flags = ConnectionFlags.from(args);
        String from = args.option("from", null);
        AtSign device = from == null ? null : ConnectionFlags.parseAtSign(from);
        long since;
        try {
            since = Long.parseLong(args.option("since", Long.toString(System.currentTimeMillis() - 60_000)));
        } catch (NumberFormatException e) {
            throw new UsageException("--since takes epoch milliseconds");
        }
        String mqttUrl = args.option("mqtt-out", null);
        if (mqttUrl == null && (args.flag("retain") || args.flag("ha-discovery")
                || args.option("topic-prefix", null) != null)) {
            throw new UsageException("--topic-prefix, --retain and --ha-discovery go with --mqtt-out");
        }
        MqttWiring.Out out = mqttUrl == null ? null : MqttWiring.openOut(mqttUrl, args.option("topic-prefix", "atiot"),
                args.flag("retain"), args.flag("ha-discovery"), args.option("mqtt-user", null),
                pathOption(args, "mqtt-password-file"), pathOption(args, "mqtt-ca"), flags.keys.atSign());
        ShutdownSignal signal = new ShutdownSignal();
        TelemetryPrinter printer = new TelemetryPrinter(console.out(), args.flag("json"), device);
        OperatorListener listener = new OperatorListener() {
            @Override
            public void onTelemetry(AtSign d, org.atiot.agent.telemetry.SequenceReport r) {
                printer.onTelemetry(d, r);
                if (out != null && (device == null || device.equals(d))) {
                    out.accept(d, r);
                }
            }

            @Override
            public void onAck(AtSign d, org.atiot.agent.commands.CommandAck ack) {
                printer.onAck(d, ack);
            }

            @Override
            public void onUnreadable(AtSign f, String id, String problem) {
                printer.onUnreadable(f, id, problem);
            }

            @Override
            public void onClosed(Exception cause) {
                if (!signal.isTriggered()) {
                    console.error("connection to the atServer ended" + (cause == null ? "" : ": " + cause.getMessage()));
                    signal.trigger();
                }
            }
        };
        try (OperatorSession session = OperatorSession.open(flags.keys, flags.clientOptions, listener)) {
            session.watch(since);
            console.err().println("watching as " + flags.keys.atSign() + "; Ctrl-C stops");
            signal.await();
        } finally {
            if (out != null) {
                out.close();
            }
            signal.done();
        }
        return ExitCode.OK;
    }

    private static java.nio.file.Path pathOption(Args args, String name) {
        String v = args.option(name, null);
        return v == null ? null : java.nio.file.Path.of(v);
    }
}
