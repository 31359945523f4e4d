package org.atiot.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;

/** A local atPlatform with a device, an operator and an intruder, plus the agent configuration that uses it. */
final class E2ePlatform implements AutoCloseable {
    static final AtSign DEVICE = AtSign.of("@e2e_device");
    static final AtSign OPERATOR = AtSign.of("@e2e_operator");
    static final AtSign INTRUDER = AtSign.of("@e2e_intruder");

    final Path dir;
    final LocalPlatform platform;
    final AtClientOptions client;

    E2ePlatform(Path dir) throws Exception {
        this.dir = dir;
        LocalPlatform.init(dir.resolve("platform"), "localhost", 0, List.of(DEVICE, OPERATOR, INTRUDER));
        platform = LocalPlatform.start(dir.resolve("platform"), b -> b.retryDelay(Duration.ofMillis(200)));
        client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile())).directory(platform.directory())
                .responseTimeout(Duration.ofSeconds(5)).build();
    }

    AtKeys keys(AtSign a) throws Exception {
        return AtKeysFile.read(platform.keyFile(a), a);
    }

    /** A device on the simulated HAL: a BME280 read every {@code interval}, a fan relay the operator may switch. */
    String agentToml(String interval, int batchReadings, String extra) {
        return agentToml(platform.agentDeviceTable(DEVICE, dir.resolve("state")), interval, batchReadings, extra);
    }

    /** As {@link #agentToml(String, int, String)} for any {@code [device]} table. */
    static String agentToml(String deviceTable, String interval, int batchReadings, String extra) {
        return deviceTable + String.join("\n",
                "heartbeat = \"5s\"",
                "[hal]",
                "provider = \"simulated\"",
                "[[sensor]]",
                "type = \"bme280\"",
                "id = \"climate\"",
                "interval = \"" + interval + "\"",
                "[[actuator]]",
                "type = \"relay\"",
                "id = \"fan\"",
                "allow = [\"" + OPERATOR + "\"]",
                "pin = 17",
                "min_switch_interval = \"0s\"",
                "[[recipient]]",
                "atsign = \"" + OPERATOR + "\"",
                "[batch]",
                "max_readings = " + batchReadings,
                "max_age = \"200ms\"",
                "[queue]",
                "fsync_interval = \"50ms\"",
                extra,
                "");
    }

    /** {@code toml} from {@link #agentToml} with a 2 s heartbeat and a 3 s response timeout: a dead link shows fast. */
    static String withFastLinkChecks(String toml) {
        return toml.replace("heartbeat = \"5s\"", "heartbeat = \"2s\"\nresponse_timeout = \"3s\"");
    }

    @Override
    public void close() {
        platform.close();
    }
}
