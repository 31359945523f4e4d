/** Sensors and their readings: {@link org.atiot.sensors.Sensor}, {@link org.atiot.sensors.Reading} and {@link org.atiot.sensors.SensorFactory}, which builds drivers from configuration. */
package org.atiot.sensors;
