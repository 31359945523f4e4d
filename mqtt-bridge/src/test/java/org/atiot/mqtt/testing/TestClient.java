package org.atiot.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain MQTT client playing a device or a consumer in tests; received messages queue as "topic payload". */
public final class TestClient implements AutoCloseable {
    private final MqttClient client;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public TestClient(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        client.connect(o);
    }

    public TestClient subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1, (t, m) -> received.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        return this;
    }

    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** The next message as "topic payload", or {@code null} after {@code seconds}. */
    public String next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next message on {@code topic}, skipping others, or {@code null}. */
    public String nextOn(String topic, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String m = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (m != null && m.startsWith(topic + " ")) {
                return m.substring(topic.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
