/** Implementation details of the scheduler package; not an API. */
package org.atiot.agent.scheduler.internal;
