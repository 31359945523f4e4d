package org.atiot.core.protocol;

import java.util.Objects;

/** An atServer or atDirectory address, as the atDirectory answers it: {@code host:port}. */
public final class HostAndPort {
    private final String host;
    private final int port;

    public HostAndPort(String host, int port) {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        this.host = host;
        this.port = port;
    }

    /** Parses {@code host:port} (IPv6 as {@code [::1]:64}); the message quotes the bad text. */
    public static HostAndPort parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("expected host:port like \"root.atsign.org:64\", got \"" + t + "\"");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostAndPort(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port with a numeric port, got \"" + t + "\"");
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostAndPort && ((HostAndPort) o).host.equals(host) && ((HostAndPort) o).port == port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
