package org.atiot.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments of one verb: {@code --name value} options, {@code --flag} switches and positional
 * words. Strict: an option the verb did not declare is a usage error, never silently ignored.
 */
final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * @param valued the option names (without {@code --}) that take a value
     * @param switches the option names that are plain flags
     */
    static Args parse(List<String> words, Set<String> valued, Set<String> switches) throws UsageException {
        Args args = new Args();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                args.positionals.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String inlineValue = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    inlineValue = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (switches.contains(name) && inlineValue == null) {
                    args.flags.add(name);
                } else if (valued.contains(name)) {
                    if (inlineValue == null) {
                        if (i + 1 >= words.size()) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        inlineValue = words.get(++i);
                    }
                    args.options.put(name, inlineValue);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                args.positionals.add(w);
            }
        }
        return args;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String requiredOption(String name) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return v;
    }

    /** A duration option such as {@code 500ms}, {@code 10s}, {@code 5m}. */
    Duration duration(String name, Duration fallback) throws UsageException {
        String v = options.get(name);
        return v == null ? fallback : Durations.parse(v, "--" + name);
    }

    int intOption(String name, int fallback) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    List<String> positionals() {
        return positionals;
    }
}
