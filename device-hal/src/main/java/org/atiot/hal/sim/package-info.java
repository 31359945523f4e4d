/** The simulated provider: chips modelled at register level, a seeded day/night world, and fault injection ({@link org.atiot.hal.sim.SimFault}). */
package org.atiot.hal.sim;
