/**
 * Implementation of the durable queue: the segment and metadata file formats, segment files and crash recovery.
 * Not API: only {@link org.atiot.agent.queue.DurableQueue} uses these classes.
 */
package org.atiot.agent.queue.internal;
