package org.atiot.hal;

/** Internal pull resistor of an input pin. */
public enum PullResistance {
    /** Floating: needs an external resistor. */
    OFF,
    /** Pulled to 3.3 V: a switch to ground reads low when closed. */
    UP,
    /** Pulled to ground. */
    DOWN
}
