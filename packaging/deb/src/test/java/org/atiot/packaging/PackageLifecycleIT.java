package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install, upgrade, remove and purge in a throw-away copy of this Debian system (an overlay over the root file
 * system in a private mount namespace, see {@code src/test/sh/lifecycle.sh}); needs root, as on CI.
 */
class PackageLifecycleIT {

    @TempDir
    Path work;

    @Test
    void installUpgradeRemovePurge() throws Exception {
        Commands.require(Commands.isRoot(), "the package lifecycle test needs root (mount, chroot, dpkg)");
        Commands.requireTool("unshare");
        Commands.requireTool("dpkg");
        Commands.Result result = Commands.run(300, List.of("unshare", "--mount", "--propagation", "private",
                "sh", Commands.systemPath("atiot.lifecycle.script").toString(),
                Commands.systemPath("atiot.deb").toString(), System.getProperty("atiot.version"), System.getProperty("atiot.deb.version"),
                work.toString()));
        assertEquals(0, result.exitCode(), "package lifecycle failed:\n" + result.output());
        for (String step : new String[] {"ok: install", "ok: upgrade", "ok: remove", "ok: purge"}) {
            assertTrue(result.output().contains(step), "lifecycle did not report '" + step + "':\n" + result.output());
        }
    }
}
