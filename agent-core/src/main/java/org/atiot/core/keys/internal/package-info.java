/**
 * Implementation details of the key file: owner-only, atomic file I/O. Not part of the API.
 */
package org.atiot.core.keys.internal;
