package org.atiot.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.atiot.core.keys.KeyFileException;
import org.atiot.core.keys.KeyFilePermissionException;

/**
 * Small secret files that only their owner may touch: reading refuses group/other access, writing is atomic
 * (temporary file, fsync, rename, directory fsync) and creates the file 0600 and a missing directory 0700.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String OWNER_ONLY_DIRECTORY = "rwx------";

    private OwnerOnlyFiles() {
    }

    /**
     * Reads {@code file} as UTF-8 text of at most {@code maxBytes}, after checking that neither group nor others
     * have any access to it.
     */
    public static String readText(Path file, int maxBytes) throws IOException {
        checkOwnerOnly(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new KeyFileException("key file " + file + " is " + size + " bytes; a key file is at most "
                    + maxBytes + " bytes, so this is not one");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new KeyFileException("key file " + file + " is not UTF-8 text, so it is not a key file");
        }
    }

    /** Fails with a message that says how to fix it when group or others have any access to {@code file}. */
    public static void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file not found: " + file);
        } catch (UnsupportedOperationException notPosix) {
            return; // a file system without POSIX modes: there is nothing we could check
        }
        Set<PosixFilePermission> foreign = EnumSet.copyOf(perms);
        foreign.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!foreign.isEmpty()) {
            throw new KeyFilePermissionException("key file " + file + " can be accessed by other users (mode "
                    + PosixFilePermissions.toString(perms) + "); restrict it to its owner with: chmod 600 " + file);
        }
    }

    /** Replaces {@code file} with {@code content} so that a crash leaves either the old or the new file, never half. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        createDirectoryIfMissing(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left over from an interrupted earlier write
        boolean moved = false;
        try {
            createOwnerOnlyFile(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void createDirectoryIfMissing(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIRECTORY)));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException("cannot create the key directory " + dir + ": a file of that name exists");
        }
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** Makes the rename itself durable; ext4 on an SD card may otherwise lose it at power-off. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open or sync a directory; the file's own fsync already happened.
        }
    }
}
