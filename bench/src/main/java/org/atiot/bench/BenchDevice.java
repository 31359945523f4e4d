package org.atiot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.atiot.agent.link.DeviceLink;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.outbox.RecipientKeys;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.queue.QueueOptions;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Batcher;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.Subscription;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClientOptions;

/**
 * The agent's send path without sensors, as the benchmarks drive it: batcher → encryption per recipient → durable
 * queue → one connected link, wired as the agent wires them. State lives under the given directory.
 */
final class BenchDevice implements AutoCloseable {
    final DurableQueue queue;
    final Batcher batcher;
    final DeviceLink link;

    /** Opens the queue and starts the link, then waits until it is connected. */
    BenchDevice(Path dir, AtKeys keys, AtClientOptions client, AtSign recipient, BatchPolicy policy,
                QueueOptions.Builder queueOptions) throws IOException, InterruptedException {
        queue = DurableQueue.open(queueOptions.build());
        try {
            RecipientKeys recipientKeys = new RecipientKeys(dir.resolve("shared-keys"), keys.encryption());
            batcher = Batcher.builder(keys.atSign(), BootIdentity.start(dir.resolve("state")),
                            new Outbox(queue, recipientKeys, Clock.systemUTC()))
                    .policy(policy).subscriptions(List.of(Subscription.allSensors(recipient)))
                    .unsent(() -> queue.stats().depth()).build();
            link = DeviceLink.start(DeviceLink.options(keys, client, queue, recipientKeys).build());
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
        awaitConnected();
    }

    private void awaitConnected() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!link.isConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        if (!link.isConnected()) {
            close();
            throw new IllegalStateException("the link did not connect: " + link.status().lastError);
        }
    }

    @Override
    public void close() {
        link.close();
        try {
            queue.close();
        } catch (IOException e) {
            System.err.println("closing the benchmark queue: " + e.getMessage());
        }
    }
}
