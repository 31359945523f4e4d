/**
 * The agent's durable offline queue: {@link org.atiot.agent.queue.DurableQueue} keeps encrypted batches on disk
 * until the atServer acknowledged them, surviving crashes and power cuts. Configure it with
 * {@link org.atiot.agent.queue.QueueOptions}; its on-disk format lives in the {@code internal} package.
 */
package org.atiot.agent.queue;
