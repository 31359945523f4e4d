/**
 * The pure cryptography of sharing data with another atSign: the per-recipient shared AES key and its RSA copies,
 * values encrypted for a recipient with the metadata every SDK's receiver understands, and decryption of values from
 * any SDK. No network access: the protocol layer stores, looks up and sends what these classes produce.
 */
package org.atiot.core.sharing;
