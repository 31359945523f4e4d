/** Relays and PWM outputs with safe states, value ranges and a minimum switching interval. */
package org.atiot.sensors.actuators;
