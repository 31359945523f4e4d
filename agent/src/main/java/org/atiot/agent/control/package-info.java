/**
 * The control plane's persistent state on the device: the {@link org.atiot.agent.control.ReplayWindow} of
 * command ids already processed, and the append-only {@link org.atiot.agent.control.AuditLog} of every command
 * and its outcome. Both plug into {@link org.atiot.agent.commands.CommandProcessor}.
 */
package org.atiot.agent.control;
