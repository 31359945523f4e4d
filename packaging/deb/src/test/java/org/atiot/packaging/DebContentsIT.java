package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code dpkg-deb} reads from the built package: control fields, file list, owners and modes, size. */
class DebContentsIT {

    /** The size budget for the whole package. */
    static final long MAX_DEB_BYTES = 3L * 1024 * 1024;

    private static final Map<String, String> EXPECTED_FILES = new TreeMap<>(Map.of(
            "./etc/atiot/agent.toml", "-rw-r--r-- root/root",
            "./etc/default/atiot", "-rw-r--r-- root/root",
            "./lib/systemd/system/atiot.service", "-rw-r--r-- root/root",
            "./usr/bin/atiot", "-rwxr-xr-x root/root",
            "./usr/share/atiot/atiot.jar", "-rw-r--r-- root/root",
            "./usr/share/doc/atiot/README.Debian", "-rw-r--r-- root/root",
            "./usr/share/doc/atiot/changelog.Debian.gz", "-rw-r--r-- root/root",
            "./usr/share/doc/atiot/copyright", "-rw-r--r-- root/root",
            "./usr/share/lintian/overrides/atiot", "-rw-r--r-- root/root"));

    private static Path deb;

    @BeforeAll
    static void tools() throws Exception {
        deb = Commands.systemPath("atiot.deb");
        assertTrue(Files.isRegularFile(deb), "the build did not produce " + deb);
        Commands.requireTool("dpkg-deb");
    }

    @Test
    void controlFieldsDescribeAnArchitectureIndependentJavaPackage() throws Exception {
        String info = Commands.run(30, "dpkg-deb", "--info", deb.toString()).assertSuccess("dpkg-deb --info").output();
        String version = System.getProperty("atiot.deb.version");
        for (String field : new String[] {
            " Package: atiot", " Version: " + version, " Architecture: all", " Section: net", " Priority: optional",
            " Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser, systemd",
        }) {
            assertTrue(info.lines().anyMatch(l -> l.equals(field)), "control lacks '" + field + "':\n" + info);
        }
        assertTrue(info.lines().anyMatch(l -> l.matches(" Maintainer: .+ <[^@\\s]+@[^>\\s]+>")), info);
        assertTrue(info.lines().anyMatch(l -> l.startsWith(" Description: ")), info);
        for (String script : new String[] {"postinst", "prerm", "postrm", "conffiles"}) {
            assertTrue(info.contains(" " + script), "no " + script + " in the control archive:\n" + info);
        }
        String conffiles = Commands.run(30, "dpkg-deb", "--info", deb.toString(), "conffiles")
                .assertSuccess("dpkg-deb --info conffiles").output();
        assertEquals("/etc/atiot/agent.toml\n/etc/default/atiot\n", conffiles);
    }

    @Test
    void filesOwnersAndModesAreExactlyTheExpectedOnes() throws Exception {
        String contents =
                Commands.run(30, "dpkg-deb", "--contents", deb.toString()).assertSuccess("dpkg-deb --contents").output();
        Map<String, String> files = new TreeMap<>();
        for (String line : contents.split("\n")) {
            String[] f = line.trim().split("\\s+");
            String path = f[f.length - 1];
            if (f[0].startsWith("d")) {
                assertEquals("drwxr-xr-x root/root", f[0] + " " + f[1], "directory " + path);
            } else {
                files.put(path, f[0] + " " + f[1]);
            }
        }
        assertEquals(EXPECTED_FILES, files);
    }

    @Test
    void packageFitsTheSizeBudget() throws Exception {
        long size = Files.size(deb);
        assertTrue(size <= MAX_DEB_BYTES, deb.getFileName() + " is " + size + " bytes, budget " + MAX_DEB_BYTES);
    }
}
