/** The bridge's moving parts: the broker connection, topic matching and payload decoding. Not a public API. */
package org.atiot.mqtt.internal;
