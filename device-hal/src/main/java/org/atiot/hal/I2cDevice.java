package org.atiot.hal;

/**
 * One device at one address on an I2C bus. Register helpers assume the common "write register pointer, then
 * read" convention with auto-increment. All methods throw {@link DeviceNotRespondingException} on NACK and
 * {@link BusTimeoutException} on a stuck bus.
 */
public interface I2cDevice extends AutoCloseable {
    int bus();

    int address();

    /** Writes {@code length} raw bytes as one transfer. */
    void write(byte[] data, int offset, int length);

    /** Reads {@code length} raw bytes as one transfer. */
    void read(byte[] buffer, int offset, int length);

    /** Writes raw bytes as one transfer (for command-based chips such as SHT31 and BH1750). */
    default void write(byte... data) {
        write(data, 0, data.length);
    }

    /** Reads into the whole buffer as one transfer. */
    default void read(byte[] buffer) {
        read(buffer, 0, buffer.length);
    }

    /** Reads one 8-bit register, returned unsigned (0..255). */
    default int readRegister(int register) {
        byte[] one = new byte[1];
        readBlock(register, one, 0, 1);
        return one[0] & 0xFF;
    }

    /** Writes one 8-bit register. */
    default void writeRegister(int register, int value) {
        write((byte) register, (byte) value);
    }

    /** Reads {@code length} consecutive registers starting at {@code register}. */
    default void readBlock(int register, byte[] buffer, int offset, int length) {
        write((byte) register);
        read(buffer, offset, length);
    }

    /** Releases the device handle. The bus stays open for other devices. */
    @Override
    void close();
}
