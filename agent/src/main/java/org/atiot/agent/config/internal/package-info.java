/**
 * Configuration internals: the strict TOML parser ({@link org.atiot.agent.config.internal.TomlParser}), unit
 * parsing and the binding to {@link org.atiot.agent.config.AgentConfig}. Not API.
 */
package org.atiot.agent.config.internal;
