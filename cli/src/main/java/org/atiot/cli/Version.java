package org.atiot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, stamped into the jar by the build. */
final class Version {
    private Version() {
    }

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/org/atiot/cli/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
