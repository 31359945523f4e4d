/**
 * A small strict JSON reader and writer over plain Java collections, bounded against hostile input.
 */
package org.atiot.core.json;
