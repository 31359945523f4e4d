/** The hardware abstraction: small interfaces for I2C, GPIO, PWM, 1-Wire and Linux system sources, the {@link org.atiot.hal.HalContext} that owns them, and the unchecked {@link org.atiot.hal.HalException} family. */
package org.atiot.hal;
