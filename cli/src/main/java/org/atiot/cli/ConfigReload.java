package org.atiot.cli;

import org.tinylog.Logger;

/**
 * SIGHUP, the Unix convention for "reload your configuration". The JDK offers no supported API for it;
 * {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17) is the established way, used through
 * reflection so that a JVM without it only loses reloading, with a log line saying so.
 */
final class ConfigReload {
    private ConfigReload() {
    }

    static void onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = java.lang.reflect.Proxy.newProxyInstance(ConfigReload.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            Thread t = new Thread(action, "atiot-reload"); // never block the signal thread
                            t.start();
                        }
                        return null;
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.warn("SIGHUP reload is not available on this JVM ({}); restart the agent to reload", e.toString());
        }
    }
}
