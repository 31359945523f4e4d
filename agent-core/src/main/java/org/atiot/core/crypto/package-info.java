/**
 * The atPlatform's cryptography over the BouncyCastle lightweight API (no JCA provider): AES-256-CTR with PKCS#7
 * pre-padding, RSA-2048 PKCS#1 v1.5 encryption and signatures, and the protocol's hex digests. Keys are held in the
 * text forms the SDKs exchange (base64 SPKI, PKCS#8, raw AES key) and never printed. Failures on received data are
 * checked {@link org.atiot.core.crypto.CryptoException}s.
 */
package org.atiot.core.crypto;
