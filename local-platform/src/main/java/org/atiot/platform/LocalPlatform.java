package org.atiot.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.keys.AtKeysGenerator;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.platform.directory.AtDirectoryServer;
import org.atiot.platform.directory.DirectoryConfig;
import org.atiot.platform.pki.IssuedCertificate;
import org.atiot.platform.pki.LocalCa;
import org.atiot.platform.pki.TlsContexts;
import org.atiot.platform.server.AtServer;
import org.atiot.platform.server.AtServerConfig;

/**
 * A whole atPlatform on one machine: an atDirectory and one atServer per atSign, with a local CA, as created by
 * {@link #init} under a directory and served by {@link #start}. Layout of that directory:
 * <pre>
 *   platform.json          host, directory port and atSigns
 *   ca/ca.pem, ca/ca.key   the local CA (give ca.pem to clients as their trusted CA file)
 *   tls/server.pem, .key   the certificate every server presents (host name and 127.0.0.1)
 *   keys/@x_key.atKeys     each atSign's key file, 0600 (same format as real ones)
 *   servers/@x/            each atServer's journals
 * </pre>
 */
public final class LocalPlatform implements AutoCloseable {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_DIRECTORY_PORT = 6464;
    private static final Duration CERT_VALIDITY = Duration.ofDays(3650);

    private final Path dir;
    private final AtDirectoryServer directory;
    private final Map<AtSign, AtServer> servers;
    private final String host;

    private LocalPlatform(Path dir, String host, AtDirectoryServer directory, Map<AtSign, AtServer> servers) {
        this.dir = dir;
        this.host = host;
        this.directory = directory;
        this.servers = servers;
    }

    /** Creates the CA, the server certificate and a key file per atSign; existing key files are kept. */
    public static void init(Path dir, String host, int directoryPort, List<AtSign> atSigns) throws IOException {
        if (atSigns.isEmpty()) {
            throw new IllegalArgumentException("name at least one atSign");
        }
        Files.createDirectories(dir);
        Path caCert = dir.resolve("ca/ca.pem");
        LocalCa ca;
        if (Files.exists(caCert)) {
            ca = LocalCa.load(caCert, dir.resolve("ca/ca.key"));
        } else {
            ca = LocalCa.create("atiot local platform CA");
            ca.writeTo(caCert, dir.resolve("ca/ca.key"));
        }
        IssuedCertificate cert = ca.issue(host, List.of(host, "127.0.0.1"), CERT_VALIDITY);
        cert.writeTo(dir.resolve("tls/server.pem"), dir.resolve("tls/server.key"));
        List<String> names = new ArrayList<>();
        for (AtSign a : atSigns) {
            Path keys = keyFile(dir, a);
            if (!Files.exists(keys)) {
                AtKeysFile.write(AtKeysGenerator.newAtSign(a), keys);
            }
            names.add(a.toString());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("host", host);
        manifest.put("directoryPort", (long) directoryPort);
        manifest.put("atSigns", names);
        Files.writeString(dir.resolve("platform.json"), Json.write(manifest) + "\n");
    }

    /** Starts the directory and every atServer named in {@code dir/platform.json}. */
    public static LocalPlatform start(Path dir) throws IOException {
        return start(dir, UnaryOperator.identity());
    }

    /** As {@link #start(Path)}, with a hook to adjust each server's settings (tests, benchmarks). */
    public static LocalPlatform start(Path dir, UnaryOperator<AtServerConfig.Builder> tune) throws IOException {
        Map<String, Object> manifest = manifest(dir);
        String host = (String) manifest.get("host");
        int directoryPort = ((Long) manifest.get("directoryPort")).intValue();
        String caPem = Files.readString(dir.resolve("ca/ca.pem"));
        IssuedCertificate cert = IssuedCertificate.load(dir.resolve("tls/server.pem"), dir.resolve("tls/server.key"));
        SSLContext tls = TlsContexts.forServer(cert.certificatePem(), cert.privateKeyPem(), caPem);
        AtDirectoryServer directory = AtDirectoryServer.start(DirectoryConfig.builder(tls).port(directoryPort).build());
        Map<AtSign, AtServer> servers = new LinkedHashMap<>();
        LocalPlatform platform = new LocalPlatform(dir, host, directory, servers);
        try {
            HostAndPort directoryAddress = new HostAndPort(host, directory.port());
            @SuppressWarnings("unchecked")
            List<Object> names = (List<Object>) manifest.get("atSigns");
            for (Object name : names) {
                AtSign atSign = AtSign.of((String) name);
                AtKeys keys = AtKeysFile.read(keyFile(dir, atSign), atSign);
                AtServerConfig.Builder b = AtServerConfig.builder(atSign, tls, directoryAddress,
                                dir.resolve("servers").resolve(atSign.toString()))
                        .pkamPublicKey(keys.pkam().publicKey())
                        .encryptionPublicKey(keys.encryption().publicKey());
                AtServer server = AtServer.start(tune.apply(b).build());
                servers.put(atSign, server);
                directory.register(atSign, host, server.port());
            }
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    public HostAndPort directory() {
        return new HostAndPort(host, directory.port());
    }

    /** The CA file clients must trust to talk to this platform. */
    public Path caFile() {
        return dir.resolve("ca/ca.pem");
    }

    public Path keyFile(AtSign atSign) {
        return keyFile(dir, atSign);
    }

    /**
     * The {@code [device]} table of an agent configuration that joins this platform as {@code device}, keeping its
     * state in {@code stateDir}: key file, atDirectory and CA of this platform.
     */
    public String agentDeviceTable(AtSign device, Path stateDir) {
        return agentDeviceTable(dir, directory(), device, stateDir);
    }

    /**
     * As {@link #agentDeviceTable(AtSign, Path)} for the platform initialised in {@code dir} whose atDirectory is
     * at {@code directory}, whether or not it runs in this process.
     */
    public static String agentDeviceTable(Path dir, HostAndPort directory, AtSign device, Path stateDir) {
        return String.join("\n",
                "[device]",
                "atsign = \"" + device + "\"",
                "keys = \"" + keyFile(dir, device) + "\"",
                "directory = \"" + directory + "\"",
                "ca_file = \"" + dir.resolve("ca/ca.pem") + "\"",
                "state_dir = \"" + stateDir + "\"",
                "");
    }

    public List<AtSign> atSigns() {
        return List.copyOf(servers.keySet());
    }

    public AtServer server(AtSign atSign) {
        AtServer s = servers.get(atSign);
        if (s == null) {
            throw new IllegalArgumentException(atSign + " is not served by this platform");
        }
        return s;
    }

    /**
     * Points the atDirectory entry of {@code atSign} at another address, e.g. a proxy in front of its atServer that
     * injects network faults; {@code null} restores the server's own address.
     */
    public void advertise(AtSign atSign, HostAndPort address) {
        HostAndPort to = address != null ? address : new HostAndPort(host, server(atSign).port());
        directory.register(atSign, to.host(), to.port());
    }

    /** Stops one atServer (its data stays on disk), e.g. to ride out an outage. */
    public void stopServer(AtSign atSign) {
        server(atSign).close();
    }

    /** Starts a stopped atServer again on the same port, with the same data. */
    public void restartServer(AtSign atSign, UnaryOperator<AtServerConfig.Builder> tune) throws IOException {
        AtServer old = server(atSign);
        old.close();
        String caPem = Files.readString(caFile());
        IssuedCertificate cert = IssuedCertificate.load(dir.resolve("tls/server.pem"), dir.resolve("tls/server.key"));
        SSLContext tls = TlsContexts.forServer(cert.certificatePem(), cert.privateKeyPem(), caPem);
        AtKeys keys = AtKeysFile.read(keyFile(atSign), atSign);
        AtServerConfig.Builder b = AtServerConfig.builder(atSign, tls, directory(),
                        dir.resolve("servers").resolve(atSign.toString()))
                .pkamPublicKey(keys.pkam().publicKey())
                .encryptionPublicKey(keys.encryption().publicKey())
                .port(old.port());
        servers.put(atSign, AtServer.start(tune.apply(b).build()));
    }

    @Override
    public void close() {
        for (AtServer s : servers.values()) {
            s.close();
        }
        directory.close();
    }

    private static Path keyFile(Path dir, AtSign atSign) {
        return dir.resolve("keys").resolve(AtKeysFile.fileName(atSign));
    }

    private static Map<String, Object> manifest(Path dir) throws IOException {
        Path file = dir.resolve("platform.json");
        if (!Files.exists(file)) {
            throw new IOException(dir + " holds no local platform: run 'atiot platform init --dir " + dir
                    + " @name …' first");
        }
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file));
            if (!(m.get("host") instanceof String) || !(m.get("directoryPort") instanceof Long)
                    || !(m.get("atSigns") instanceof List)) {
                throw new IOException(file + " lacks host, directoryPort or atSigns");
            }
            return m;
        } catch (JsonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
