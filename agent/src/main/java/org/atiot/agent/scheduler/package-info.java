/**
 * Reading sensors on time: {@link org.atiot.agent.scheduler.SensorScheduler} reads every
 * {@link org.atiot.agent.scheduler.SensorReader} at its interval on one thread and keeps each sensor's
 * {@link org.atiot.agent.scheduler.SensorStatus}.
 */
package org.atiot.agent.scheduler;
