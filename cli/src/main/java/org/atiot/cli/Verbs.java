package org.atiot.cli;

import java.util.List;

/** The verbs of {@code atiot}, in the order {@code --help} lists them. */
final class Verbs {
    private Verbs() {
    }

    static List<Command> all() {
        return List.of(new DemoCommand(), new RunCommand(), new WatchCommand(), new SendCommand(), new StatusCommand(), new KeysCommand(),
                new PlatformCommand());
    }
}
