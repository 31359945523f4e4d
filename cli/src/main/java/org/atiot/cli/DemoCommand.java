package org.atiot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.Agent;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;

/**
 * {@code atiot demo}: the whole product on one machine with no account and no hardware: a local atPlatform, an
 * agent with simulated sensors and a relay, and an operator watching the decrypted readings and switching the relay.
 */
final class DemoCommand implements Command {
    static final AtSign DEVICE = AtSign.of("@demo_device");
    static final AtSign OPERATOR = AtSign.of("@demo_operator");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run a local atPlatform, a simulated device and a watcher: no account, no hardware";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot demo [--dir DIR] [--duration 30s]",
                "",
                "keeps its platform, keys and agent state in DIR (default .atiot-demo); runs until Ctrl-C, or for",
                "--duration. The agent's configuration is written to DIR/agent.toml for you to read.");
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("dir", "duration"), Set.of());
        Path dir = Path.of(args.option("dir", ".atiot-demo")).toAbsolutePath();
        Duration duration = args.duration("duration", Duration.ZERO);
        Path platformDir = dir.resolve("platform");
        if (!Files.exists(platformDir.resolve("platform.json"))) {
            console.err().println("first run: creating a local atPlatform with " + DEVICE + " and " + OPERATOR
                    + " (RSA key generation takes a few seconds)");
            LocalPlatform.init(platformDir, LocalPlatform.DEFAULT_HOST, 0, List.of(DEVICE, OPERATOR));
        }
        ShutdownSignal signal = new ShutdownSignal();
        try (LocalPlatform platform = LocalPlatform.start(platformDir)) {
            Path configFile = dir.resolve("agent.toml");
            Files.writeString(configFile, agentConfig(platform, dir));
            AgentConfig config = AgentConfig.load(configFile);
            console.err().println("atDirectory on " + platform.directory() + "; agent config in " + configFile);
            CountDownLatch firstReadings = new CountDownLatch(1);
            CountDownLatch acked = new CountDownLatch(1);
            TelemetryPrinter printer = new TelemetryPrinter(console.out(), false, null);
            OperatorListener listener = new OperatorListener() {
                @Override
                public void onTelemetry(AtSign device, SequenceReport report) {
                    printer.onTelemetry(device, report);
                    firstReadings.countDown();
                }

                @Override
                public void onAck(AtSign device, CommandAck ack) {
                    printer.onAck(device, ack);
                    acked.countDown();
                }

                @Override
                public void onUnreadable(AtSign from, String id, String problem) {
                    printer.onUnreadable(from, id, problem);
                }
            };
            AtClientOptions client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile()))
                    .directory(platform.directory()).build();
            try (Agent agent = RunCommand.start(config, () -> { });
                 OperatorSession operator = OperatorSession.open(
                         AtKeysFile.read(platform.keyFile(OPERATOR), OPERATOR), client, listener)) {
                operator.watch(System.currentTimeMillis());
                console.err().println("agent running; " + OPERATOR + " is watching (Ctrl-C stops)");
                if (firstReadings.await(30, TimeUnit.SECONDS)) {
                    console.out().println("--- " + OPERATOR + " switches the fan relay on ---");
                    operator.send(DEVICE, "fan", 1, Duration.ofMinutes(1));
                    if (!acked.await(30, TimeUnit.SECONDS)) {
                        console.error("the relay command was not acknowledged within 30 s");
                    }
                } else {
                    console.error("no readings within 30 s; see the log above");
                }
                if (duration.isZero()) {
                    signal.await();
                } else {
                    signal.awaitAtMost(duration);
                }
                console.err().println("stopping");
            }
        } finally {
            signal.done();
        }
        return ExitCode.OK;
    }

    /** The demo agent's configuration: the same TOML a real device uses, on the simulated HAL. */
    private static String agentConfig(LocalPlatform platform, Path dir) {
        return "# written by 'atiot demo' for this run; a real device's file looks the same\n"
                + platform.agentDeviceTable(DEVICE, dir.resolve("state")) + String.join("\n",
                "heartbeat = \"10s\"",
                "",
                "[hal]",
                "provider = \"simulated\"",
                "",
                "[[sensor]]",
                "type = \"bme280\"",
                "id = \"climate\"",
                "interval = \"1s\"",
                "",
                "[[sensor]]",
                "type = \"bh1750\"",
                "id = \"light\"",
                "interval = \"2s\"",
                "",
                "[[sensor]]",
                "type = \"ds18b20\"",
                "id = \"water\"",
                "interval = \"2s\"",
                "",
                "[[sensor]]",
                "type = \"system_health\"",
                "id = \"pi\"",
                "interval = \"5s\"",
                "",
                "[[actuator]]",
                "type = \"relay\"",
                "id = \"fan\"",
                "allow = [\"" + OPERATOR + "\"]",
                "pin = 17",
                "",
                "[[recipient]]",
                "atsign = \"" + OPERATOR + "\"",
                "",
                "[batch]",
                "max_age = \"1s\"",
                "",
                "[queue]",
                "fsync_interval = \"200ms\"",
                "");
    }
}
