/** Implementation details of the commands package; not an API. */
package org.atiot.agent.commands.internal;
