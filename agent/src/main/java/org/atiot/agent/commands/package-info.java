/**
 * The control plane's logic, independent of the network: the command and acknowledgement documents
 * ({@link org.atiot.agent.commands.CommandRequest}, {@link org.atiot.agent.commands.CommandAck}) and the
 * {@link org.atiot.agent.commands.CommandProcessor} that validates, executes and audits each command. The agent
 * supplies the seams: actuators ({@link org.atiot.agent.commands.ControlledActuator}), the persisted replay window
 * ({@link org.atiot.agent.commands.ReplayGuard}) and the audit log ({@link org.atiot.agent.commands.AuditTrail}).
 */
package org.atiot.agent.commands;
