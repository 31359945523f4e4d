/**
 * Running well under systemd: readiness and watchdog notifications ({@link org.atiot.agent.systemd.SdNotify},
 * {@link org.atiot.agent.systemd.Watchdog}) and journal-friendly log lines
 * ({@link org.atiot.agent.systemd.JournalWriter}). Everything here is a no-op when the agent is not started by
 * systemd.
 */
package org.atiot.agent.systemd;
