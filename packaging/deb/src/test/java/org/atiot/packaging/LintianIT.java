package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Debian's package checker finds no error and no unexplained warning; each accepted warning is overridden with its
 * reason in {@code lintian-overrides}, which the package ships.
 */
class LintianIT {

    @Test
    void noErrorsAndNoUnjustifiedWarnings() throws Exception {
        Commands.requireTool("lintian");
        String deb = Commands.systemPath("atiot.deb").toString();
        Commands.Result result = Commands.run(180, "lintian", "--tag-display-limit", "0", deb);
        List<String> findings = result.output().lines()
                .filter(l -> l.startsWith("E: ") || l.startsWith("W: "))
                .collect(Collectors.toList());
        assertTrue(findings.isEmpty(), "lintian reported:\n" + String.join("\n", findings) + "\n\nfull output:\n"
                + result.output());
    }
}
