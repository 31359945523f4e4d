package org.atiot.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code AF_UNIX}/{@code SOCK_DGRAM} listener standing in for systemd's notify socket. Java cannot bind
 * one, so a small python3 program does, printing every datagram as hex. It also closes file descriptors passed with
 * a datagram, which is how systemd answers a {@code BARRIER=1}.
 */
final class NotifySocketListener implements AutoCloseable {

    private static final String PROGRAM = String.join("\n",
            "import array, os, socket, sys",
            "name = sys.argv[1]",
            "address = '\\0' + name[1:] if name.startswith('@') else name",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(address)",
            "print('bound', flush=True)",
            "while True:",
            "    data, ancillary, flags, sender = s.recvmsg(65536, socket.CMSG_SPACE(16 * 4))",
            "    for level, kind, payload in ancillary:",
            "        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:",
            "            fds = array.array('i')",
            "            fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])",
            "            for fd in fds:",
            "                os.close(fd)",
            "    print(data.hex(), flush=True)",
            "");

    private final Process process;
    private final BlockingQueue<String> datagrams = new LinkedBlockingQueue<>();
    private final String address;

    private NotifySocketListener(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Binds {@code address}: a file path, or {@code @name} for an abstract socket. */
    static NotifySocketListener bind(Path workDir, String address) throws IOException, InterruptedException {
        Path script = workDir.resolve("listener.py");
        Files.writeString(script, PROGRAM);
        Process process = new ProcessBuilder("python3", script.toString(), address)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        NotifySocketListener listener = new NotifySocketListener(process, address);
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String first = reader.readLine();
        if (!"bound".equals(first)) {
            process.destroyForcibly().waitFor();
            fail("the python3 notify socket listener did not start (python3 is needed: scripts/ensure-tools test)");
        }
        Thread pump = new Thread(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    listener.datagrams.add(line);
                }
            } catch (IOException e) {
                // the listener was stopped
            }
        }, "notify-listener-pump");
        pump.setDaemon(true);
        pump.start();
        return listener;
    }

    String address() {
        return address;
    }

    /** The next datagram other than the {@code BARRIER=1} that follows each systemd-notify message. */
    String nextMessage() throws InterruptedException {
        while (true) {
            String hex = datagrams.poll(10, TimeUnit.SECONDS);
            assertNotNull(hex, "no datagram reached the notify socket within 10 s");
            String text = new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
            if (!text.equals("BARRIER=1")) {
                return text;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
