/** File formats of the control plane's persistent state. Not API. */
package org.atiot.agent.control.internal;
