/**
 * Telemetry on both ends: the device side numbers readings ({@link org.atiot.agent.telemetry.BootIdentity}) and
 * batches them per recipient ({@link org.atiot.agent.telemetry.Batcher}) into the versioned document described in
 * {@link org.atiot.agent.telemetry.TelemetryBatch}; the receiving side decodes it
 * ({@link org.atiot.agent.telemetry.TelemetryDecoder}) and follows the sequences
 * ({@link org.atiot.agent.telemetry.SequenceTracker}). Nothing here touches the network or the disk, except the
 * boot counter.
 */
package org.atiot.agent.telemetry;
