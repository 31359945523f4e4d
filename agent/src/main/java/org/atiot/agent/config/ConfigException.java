package org.atiot.agent.config;

import java.io.IOException;

/**
 * The agent configuration cannot be used. The message names the file, line and key, for example
 * {@code agent.toml:12: key 'interval': expected a duration like "10s", got "ten"}.
 */
public final class ConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param file the file name as shown to the user
     * @param line 1-based line, or 0 if the problem has no single line
     * @param key the key concerned, or {@code null}
     * @param problem what is wrong and, where it helps, how to fix it
     */
    public ConfigException(String file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    private static String format(String file, int line, String key, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        return sb.append(problem).toString();
    }

    public String file() {
        return file;
    }

    /** 1-based, or 0 when not tied to a line. */
    public int line() {
        return line;
    }

    /** The key concerned, or {@code null}. */
    public String key() {
        return key;
    }

    /** The message without the file, line and key prefix. */
    public String problem() {
        return problem;
    }
}
