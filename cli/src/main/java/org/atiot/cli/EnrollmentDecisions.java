package org.atiot.cli;

import java.util.List;
import java.util.Map;
import org.atiot.core.apkam.DeviceEnrollment;
import org.atiot.core.json.Json;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.EnrollOperation;
import org.atiot.core.protocol.NotificationListener;

/** The owner's side of device enrollment: one-time codes, pending requests, approve and deny. */
final class EnrollmentDecisions {
    private final ConnectionFlags owner;
    private final Console console;

    EnrollmentDecisions(ConnectionFlags owner, Console console) {
        this.owner = owner;
        this.console = console;
    }

    int run(List<String> words) throws Exception {
        try (AtClient c = AtClient.connect(owner.keys.atSign(), owner.clientOptions, NotificationListener.NONE)) {
            c.authenticate(owner.keys);
            switch (words.get(0)) {
                case "otp":
                    console.out().println(c.otp());
                    return ExitCode.OK;
                case "requests":
                    Map<String, Object> pending = c.enroll(EnrollOperation.LIST,
                            Map.of("enrollmentStatusFilter", List.of("pending")));
                    if (pending.isEmpty()) {
                        console.out().println("no pending enrollment requests");
                    }
                    for (Map.Entry<String, Object> e : pending.entrySet()) {
                        Map<?, ?> r = (Map<?, ?>) e.getValue();
                        console.out().printf("%s  app %s, device %s, namespaces %s%n",
                                e.getKey().substring(0, e.getKey().indexOf('.')), r.get("appName"),
                                r.get("deviceName"), Json.write(r.get("namespace")));
                    }
                    return ExitCode.OK;
                case "approve":
                    DeviceEnrollment.approve(c, owner.keys, id(words));
                    console.out().println("approved " + id(words));
                    return ExitCode.OK;
                default:
                    c.enroll(EnrollOperation.DENY, Map.of("enrollmentId", id(words)));
                    console.out().println("denied " + id(words));
                    return ExitCode.OK;
            }
        }
    }

    private static String id(List<String> words) throws UsageException {
        if (words.size() != 2) {
            throw new UsageException(words.get(0) + " needs exactly one enrollment id");
        }
        return words.get(1);
    }
}
