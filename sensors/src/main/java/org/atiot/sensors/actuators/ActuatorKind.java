package org.atiot.sensors.actuators;

/** What an actuator drives. */
public enum ActuatorKind {
    /** A GPIO output switching a relay or MOSFET: value 0 (off) or 1 (on). */
    RELAY,
    /** A PWM channel driving a fan or LED dimmer: duty cycle in percent. */
    PWM
}
