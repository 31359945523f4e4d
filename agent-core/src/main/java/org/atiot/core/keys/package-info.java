/**
 * An atSign's keys and its {@code .atKeys} file: reading files written by at_java, at_c and the Dart SDK, writing
 * them in at_c's layout with owner-only permissions, and generating keys for onboarding.
 */
package org.atiot.core.keys;
