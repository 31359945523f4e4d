package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The unit's sandbox as systemd itself rates it, and the settings the agent relies on. */
class SystemdUnitTest {

    /** The issue's ceiling for {@code systemd-analyze security} ("OK" starts at 2.0 and below). */
    static final double MAX_EXPOSURE = 2.0;

    private final Path unit = Commands.systemPath("atiot.unit");

    @Test
    void exposureScoreIsAtMostTwo() throws Exception {
        Commands.requireTool("systemd-analyze");
        Commands.Result result =
                Commands.run(60, "systemd-analyze", "security", "--offline=yes", "--no-pager", unit.toString());
        Matcher score = Pattern.compile("Overall exposure level for atiot\\.service: (\\d+\\.\\d)").matcher(result.output());
        assertTrue(score.find(), "no exposure level in:\n" + result.output());
        double exposure = Double.parseDouble(score.group(1));
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + " > " + MAX_EXPOSURE + ":\n" + result.output());
    }

    @Test
    void declaresNotifyWatchdogAndTheHardeningTheIssueAsksFor() throws Exception {
        String text = Files.readString(unit, StandardCharsets.UTF_8);
        for (String line : new String[] {
            "Type=notify", "NotifyAccess=all", "WatchdogSec=60", "Restart=on-failure", "User=atiot",
            "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "ReadWritePaths=/var/lib/atiot", "DevicePolicy=closed", "DeviceAllow=char-i2c rw",
            "DeviceAllow=char-gpiochip rw", "DeviceAllow=char-spidev rw", "CapabilityBoundingSet=",
            "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
            "MemoryDenyWriteExecute=no", "ExecStart=/usr/bin/atiot run --config /etc/atiot/agent.toml",
        }) {
            assertTrue(text.lines().anyMatch(l -> l.equals(line)), "atiot.service lacks '" + line + "'");
        }
        assertTrue(text.lines().anyMatch(l -> l.matches("MemoryMax=\\d+M")), "atiot.service sets no MemoryMax");
        assertEquals(3, text.lines().filter(l -> l.startsWith("DeviceAllow=")).count(),
                "only the i2c, spidev and gpiochip devices may be allowed");
    }
}
