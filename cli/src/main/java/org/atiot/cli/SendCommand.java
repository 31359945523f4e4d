package org.atiot.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;

/** {@code atiot send}: one command to a device's actuator, waiting for its acknowledgement. */
final class SendCommand implements Command {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "command an actuator and wait for the device's acknowledgement";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot send <@device> <actuator> <value> (--as @operator | --keys FILE) [--timeout 30s]",
                "",
                "exit codes: 0 acknowledged ok, 1 rejected or failed on the device, 5 no acknowledgement in time",
                ConnectionFlags.USAGE);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Set<String> valued = new HashSet<>(ConnectionFlags.VALUED);
        valued.add("timeout");
        Args args = Args.parse(argv, valued, Set.of());
        List<String> words = args.positionals();
        if (words.size() != 3) {
            throw new UsageException("send needs <@device> <actuator> <value>");
        }
        AtSign device = ConnectionFlags.parseAtSign(words.get(0));
        double value;
        try {
            value = Double.parseDouble(words.get(2));
        } catch (NumberFormatException e) {
            throw new UsageException("value '" + words.get(2) + "' is not a number");
        }
        Duration timeout = args.duration("timeout", DEFAULT_TIMEOUT);
        ConnectionFlags flags = ConnectionFlags.from(args);
        CompletableFuture<CommandAck> answer = new CompletableFuture<>();
        String[] expected = new String[1];
        OperatorListener listener = new OperatorListener() {
            @Override
            public void onAck(AtSign from, CommandAck ack) {
                if (from.equals(device) && ack.id().equals(expected[0])) {
                    answer.complete(ack);
                }
            }

            @Override
            public void onClosed(Exception cause) {
                answer.completeExceptionally(new java.io.IOException("connection to the atServer ended"));
            }
        };
        try (OperatorSession session = OperatorSession.open(flags.keys, flags.clientOptions, listener)) {
            session.watch(System.currentTimeMillis());
            synchronized (expected) {
                expected[0] = session.send(device, words.get(1), value, timeout);
            }
            console.err().println("sent command " + expected[0] + " to " + device + "; waiting up to "
                    + timeout.toSeconds() + " s for the acknowledgement");
            CommandAck ack;
            try {
                ack = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                console.error("no acknowledgement from " + device + " within " + timeout.toSeconds()
                        + " s (the command expires unexecuted if the device is offline that long)");
                return ExitCode.TIMEOUT;
            }
            if (ack.isOk()) {
                console.out().println("ok: " + ack.actuator() + " is now " + Json.write(ack.state()));
                return ExitCode.OK;
            }
            console.out().println(ack.outcome().name().toLowerCase() + ": " + ack.reason() + " - " + ack.detail());
            return ExitCode.FAILED;
        }
    }
}
