package org.atiot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.runtime.ReadingSource;
import org.atiot.agent.runtime.Agent;
import org.atiot.agent.runtime.Device;
import org.atiot.hal.HalConfig;
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
            if (config.mqtt().isPresent()) {
                MqttWiring.check(config.mqtt().get());
            }
            try (Device device = HardwareDevice.open(config)) {
                console.out().println(file + " is valid: " + config.sensors().size() + " sensor(s), "
                        + config.actuators().size() + " actuator(s), " + config.recipients().size() + " recipient(s)");
            }
            return ExitCode.OK;
        }
        AtomicReference<Agent> running = new AtomicReference<>();
        ServiceManager service = new ServiceManager(running::get);
        running.set(start(config, service::connected)); // a failure here ends the verb before any hook exists
        ShutdownSignal signal = new ShutdownSignal();
        service.start();
        Reloader reloader = new Reloader(file, config, running, service, signal);
        ConfigReload.onHangup(reloader::reload);
        try {
            signal.await();
        } finally {
            service.close();
            synchronized (running) {
                Agent agent = running.get();
                if (agent != null) {
                    agent.close();
                }
            }
            signal.done();
        }
        return reloader.exitCode;
    }

    static Agent start(AgentConfig config, Runnable onFirstConnect) throws Exception {
        Device device = HardwareDevice.open(config);
        try {
            ReadingSource source = null;
            if (config.mqtt().isPresent()) { // only then is the bridge (and Paho) loaded
                MqttWiring.Attached mqtt = MqttWiring.attach(device, config.mqtt().get());
                device = mqtt.device;
                source = mqtt.source;
            }
            return Agent.builder(config, device).source(source).onFirstConnect(onFirstConnect).start();
        } catch (Exception e) {
            device.close();
            throw e;
        }
    }

    /**
     * SIGHUP: the new file is validated first, drivers included (against the simulated HAL, so that no pin is
     * claimed twice), and a broken edit never stops a working agent. If the new configuration still fails on the
     * real hardware, the previous one is started again; only if that fails too does the agent stop, with an exit
     * code that makes the service manager restart it.
     */
    private static final class Reloader {
        private final Path file;
        private final AtomicReference<Agent> running;
        private final ServiceManager service;
        private final ShutdownSignal signal;
        private AgentConfig current;
        volatile int exitCode = ExitCode.OK;

        Reloader(Path file, AgentConfig current, AtomicReference<Agent> running, ServiceManager service,
                 ShutdownSignal signal) {
            this.file = file;
            this.current = current;
            this.running = running;
            this.service = service;
            this.signal = signal;
        }

        void reload() {
            AgentConfig next;
            try {
                next = AgentConfig.load(file);
                try (Device dryRun = HardwareDevice.open(next, HalConfig.builder().provider("simulated").build())) {
                    Logger.debug("{} validated: {} sensor(s)", file, dryRun.sensors().size());
                }
            } catch (Exception e) {
                Logger.error("configuration not reloaded, keeping the running one: {}", e.getMessage());
                return;
            }
            synchronized (running) {
                if (signal.isTriggered()) {
                    return;
                }
                Logger.info("reloading {}", file);
                running.getAndSet(null).close(); // queued data stays in the queue files for the next agent
                try {
                    running.set(start(next, service::connected));
                    current = next;
                    return;
                } catch (Exception e) {
                    Logger.error("the new configuration failed on this hardware ({}); going back to the previous one",
                            e.getMessage());
                }
                try {
                    running.set(start(current, service::connected));
                } catch (Exception e) {
                    Logger.error("the previous configuration cannot start either ({}); stopping", e.getMessage());
                    exitCode = ExitCode.CONFIG;
                    signal.trigger();
                }
            }
        }
    }
}
