/** Implementation details shared by drivers; not API. */
package org.atiot.sensors.internal;
