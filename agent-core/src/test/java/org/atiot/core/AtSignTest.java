package org.atiot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtSignTest {
    /** Verifies that an atSign is normalised as the server does it: one '@', lower case, dots and padding gone. */
    @ParameterizedTest
    @ValueSource(strings = {"@Pi01", "pi01", "  @pi01 ", "@PI.01", "p.i.0.1"})
    void normalisesLikeTheServer(String text) {
        AtSign atSign = AtSign.of(text);
        assertEquals("@pi01", atSign.toString());
        assertEquals("pi01", atSign.withoutPrefix());
        assertEquals(AtSign.of("@pi01"), atSign);
        assertEquals(AtSign.of("@pi01").hashCode(), atSign.hashCode());
    }

    /** Verifies that emoji atSigns, which the registrar hands out, are accepted unchanged. */
    @Test
    void acceptsEmoji() {
        assertEquals("@\uD83E\uDD84pi", AtSign.of("\uD83E\uDD84pi").toString());
        assertNotEquals(AtSign.of("@alice"), AtSign.of("@bob"));
    }

    /** Verifies that anything that could break a protocol command is refused with a message naming the input. */
    @ParameterizedTest
    @ValueSource(strings = {"", "@", " @ ", "@.", "@al ice", "@al:ice", "@al@ice", "@al\tice", "@al\u0000ice",
        "@al\u00a0ice", "@al\u2424ice", "@al/ice", "@al{ice}", "@al,ice", "@al'ice", "@al\"ice", "@al\\ice"})
    void refusesReservedCharactersAndEmptyNames(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtSign.of(text));
        assertTrue(e.getMessage().contains("atSign"), e.getMessage());
    }

    /** Verifies the server's 55-character limit on the name. */
    @Test
    void enforcesTheLengthLimit() {
        String longest = "a".repeat(AtSign.MAX_NAME_LENGTH);
        assertEquals("@" + longest, AtSign.of(longest).toString());
        assertThrows(IllegalArgumentException.class, () -> AtSign.of(longest + "a"));
        assertThrows(IllegalArgumentException.class, () -> AtSign.of(null));
    }
}
