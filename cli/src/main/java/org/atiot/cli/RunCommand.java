package org.atiot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.runtime.Agent;
import org.atiot.agent.runtime.Device;
import org.tinylog.Logger;

/** {@code atiot run}: the device agent, until SIGTERM; SIGHUP reloads the configuration. */
final class RunCommand implements Command {
    static final String DEFAULT_CONFIG = "/etc/atiot/agent.toml";

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the device agent (sensors, encrypted queue, atServer link, commands)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot run [--config FILE] [--check]",
                "",
                "--config FILE  the agent configuration (default " + DEFAULT_CONFIG + ")",
                "--check        validate the configuration and open the hardware, then exit",
                "",
                "SIGHUP reloads the configuration: queued data is kept; an invalid new file is reported and the",
                "agent keeps running with the old one. SIGTERM or Ctrl-C stops after flushing the last readings.");
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("config"), Set.of("check"));
        if (!args.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        Path file = Path.of(args.option("config", DEFAULT_CONFIG));
        AgentConfig config = AgentConfig.load(file);
        if (args.flag("check")) {
            try (Device device = HardwareDevice.open(config)) {
                console.out().println(file + " is valid: " + config.sensors().size() + " sensor(s), "
                        + config.actuators().size() + " actuator(s), " + config.recipients().size() + " recipient(s)");
            }
            return ExitCode.OK;
        }
        ShutdownSignal signal = new ShutdownSignal();
        AtomicReference<Agent> running = new AtomicReference<>();
        ServiceManager service = new ServiceManager(running::get);
        running.set(start(config, service::connected));
        service.start();
        ConfigReload.onHangup(() -> reload(file, running, service));
        try {
            signal.await();
        } finally {
            service.close();
            synchronized (running) {
                running.get().close();
            }
            signal.done();
        }
        return ExitCode.OK;
    }

    static Agent start(AgentConfig config, Runnable onFirstConnect) throws Exception {
        Device device = HardwareDevice.open(config);
        try {
            return Agent.builder(config, device).onFirstConnect(onFirstConnect).start();
        } catch (Exception e) {
            device.close();
            throw e;
        }
    }

    /** Validates the new file first: a broken edit must not stop a working agent. */
    private static void reload(Path file, AtomicReference<Agent> running, ServiceManager service) {
        AgentConfig next;
        try {
            next = AgentConfig.load(file);
        } catch (ConfigException e) {
            Logger.error("configuration not reloaded, keeping the running one: {}", e.getMessage());
            return;
        }
        synchronized (running) {
            Logger.info("reloading {}", file);
            running.get().close(); // queued data stays in the queue files and is sent by the new agent
            try {
                running.set(start(next, service::connected));
            } catch (Exception e) {
                Logger.error("the new configuration could not start ({}); exiting so the service manager restarts"
                        + " the agent", e.getMessage());
                System.exit(ExitCode.CONFIG);
            }
        }
    }
}
