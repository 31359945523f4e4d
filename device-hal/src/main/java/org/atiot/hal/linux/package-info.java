/** The plain Linux provider: 1-Wire, thermal zones and /proc from kernel files under a configurable root, and sysfs PWM. */
package org.atiot.hal.linux;
