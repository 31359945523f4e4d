/** Implementation details of the telemetry package; not an API. */
package org.atiot.agent.telemetry.internal;
