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
                "",
                "prints each reading once (duplicates dropped, gaps and restarts reported); --json prints one JSON",
                "object per line; Ctrl-C stops",
                ConnectionFlags.USAGE);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Set<String> valued = new HashSet<>(ConnectionFlags.VALUED);
        valued.add("from");
        valued.add("since");
        Args args = Args.parse(argv, valued, Set.of("json"));
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
        ShutdownSignal signal = new ShutdownSignal();
        TelemetryPrinter printer = new TelemetryPrinter(console.out(), args.flag("json"), device);
        OperatorListener listener = new OperatorListener() {
            @Override
            public void onTelemetry(AtSign d, org.atiot.agent.telemetry.SequenceReport r) {
                printer.onTelemetry(d, r);
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
            signal.done();
        }
        return ExitCode.OK;
    }
}
