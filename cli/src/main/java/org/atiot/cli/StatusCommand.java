package org.atiot.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.runtime.StatusFile;
import org.atiot.core.json.Json;

/** {@code atiot status}: what the running agent last reported in its state directory. */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "connection, queue and sensor state of the running agent";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot status [--config FILE | --state DIR] [--json]",
                "",
                "reads STATE/status.json, which the agent rewrites every 2 s (default config /etc/atiot/agent.toml)");
    }

    @Override
    @SuppressWarnings("unchecked")
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("config", "state"), Set.of("json"));
        Path state = args.option("state", null) != null ? Path.of(args.option("state", null))
                : AgentConfig.load(Path.of(args.option("config", "/etc/atiot/agent.toml"))).stateDir();
        String text;
        try {
            text = Files.readString(state.resolve(StatusFile.NAME));
        } catch (NoSuchFileException e) {
            console.error("no status in " + state + ": the agent is not running or has not started yet");
            return ExitCode.FAILED;
        }
        if (args.flag("json")) {
            console.out().print(text);
            return ExitCode.OK;
        }
        Map<String, Object> s = Json.parseObject(text);
        Map<String, Object> link = (Map<String, Object>) s.get("link");
        Map<String, Object> queue = (Map<String, Object>) s.get("queue");
        long age = System.currentTimeMillis() - (Long) s.get("updatedAt");
        console.out().printf("device      %s (pid %s)%s%n", s.get("device"), s.get("pid"),
                age > 10_000 ? "  STALE: last update " + age / 1000 + " s ago" : "");
        console.out().printf("connection  %s, %s sent, %s reconnects%s%n",
                Boolean.TRUE.equals(link.get("connected")) ? "connected" : "OFFLINE", link.get("sent"),
                link.get("reconnects"), link.get("lastError") == null ? "" : ", last error: " + link.get("lastError"));
        long lastAck = (Long) link.get("lastAckAt");
        console.out().printf("last ack    %s%n", lastAck == 0 ? "never" : Instant.ofEpochMilli(lastAck).toString());
        console.out().printf("queue       %s entries, %s bytes, %s dropped, %s bytes written to disk%n",
                queue.get("depth"), queue.get("bytes"), queue.get("dropped"), queue.get("bytesWrittenToDisk"));
        for (Object o : (List<Object>) s.get("sensors")) {
            Map<String, Object> sensor = (Map<String, Object>) o;
            console.out().printf("sensor      %-16s %s reads, %s faults%s %s%n", sensor.get("id"), sensor.get("reads"),
                    sensor.get("faults"), sensor.get("lastFault") == null ? "" : " (last: " + sensor.get("lastFault")
                            + ")", sensor.get("values") == null ? "" : Json.write(sensor.get("values")));
        }
        return ExitCode.OK;
    }
}
