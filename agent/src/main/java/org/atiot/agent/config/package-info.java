/**
 * The agent's configuration: {@link org.atiot.agent.config.AgentConfig}, loaded from a TOML file or built in
 * code, with its parts ({@link org.atiot.agent.config.SensorConfig}, {@link org.atiot.agent.config.ActuatorConfig},
 * {@link org.atiot.agent.config.RecipientConfig}). Every problem is a
 * {@link org.atiot.agent.config.ConfigException} naming file, line and key.
 */
package org.atiot.agent.config;
