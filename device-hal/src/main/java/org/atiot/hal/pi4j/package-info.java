/** The Pi4J v2 provider (gpiod for GPIO, linuxfs for I2C and PWM). Loaded only when configured. */
package org.atiot.hal.pi4j;
