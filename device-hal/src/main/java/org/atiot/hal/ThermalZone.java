package org.atiot.hal;

/** One kernel thermal zone: its directory name (thermal_zone0), type (cpu-thermal) and temperature. */
public record ThermalZone(String name, String type, double celsius) {}
