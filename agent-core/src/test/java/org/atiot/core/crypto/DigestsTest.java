package org.atiot.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Known answers from FIPS 180-4 and RFC 1321 for the digests the protocol uses. */
class DigestsTest {
    /** Verifies SHA-256 and SHA-512 of "abc". */
    @Test
    void shaKnownAnswers() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256Hex("abc"));
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", Digests.sha512Hex("abc"));
    }

    /** Verifies pubKeyCS is MD5 hex of the UTF-8 text, and the CRAM digest is SHA-512 of secret then challenge. */
    @Test
    void publicKeyChecksumAndCram() {
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Digests.publicKeyChecksum("abc"));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Digests.publicKeyChecksum(""));
        assertEquals(Digests.sha512Hex("abc"), Digests.cramDigest("a", "bc"));
    }

    /** Verifies standard padded base64, and that bad text is a KeyFormatException naming the field. */
    @Test
    void base64() throws Exception {
        assertEquals("AAECAw==", Base64s.encode(new byte[] {0, 1, 2, 3}));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64s.decode("+/8=", "x"));
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Base64s.decode("-_8=", "ivNonce"));
        assertEquals("ivNonce is not valid base64", e.getMessage());
        assertThrows(KeyFormatException.class, () -> Base64s.decode(null, "x"));
    }
}
