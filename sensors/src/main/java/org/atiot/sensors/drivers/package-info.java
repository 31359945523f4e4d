/** One driver per chip, each validated against its datasheet's worked examples. */
package org.atiot.sensors.drivers;
