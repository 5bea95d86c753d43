package dev.tpc.api;

import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in the OS's words. An {@link IOException}'s message is often just
 * the path, which the user already sees next to it.
 */
final class IoReasons {
    private static final int FILE_TYPE_BITS = 0170000;

    private IoReasons() {}

    /**
     * The reason, prefixed with the file it concerns when that is not {@code subject} (a folder
     * that could not be created for a file to be written, say).
     */
    static String why(IOException e, Path subject) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "already exists";
        } else if (e instanceof FileSystemLoopException) {
            reason = "a symbolic link loop";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = lowerFirst(f.getReason());
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : lowerFirst(e.getMessage());
        }
        if (e instanceof FileSystemException f && f.getFile() != null && !Path.of(f.getFile()).equals(subject)) {
            return f.getFile() + ": " + reason;
        }
        return reason;
    }

    /**
     * What a path that is not a regular file is, to follow "X is": "a directory", "a FIFO (named
     * pipe)", ...; "missing" when nothing is there.
     */
    static String kind(Path p) {
        if (Files.isDirectory(p)) {
            return "a directory";
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "missing";
        }
        if (!Files.exists(p)) {
            return YamlReader.BROKEN_LINK;
        }
        try {
            // the unix view is there on Linux and macOS; elsewhere the generic answer below does
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            switch (mode & FILE_TYPE_BITS) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                case 0100000: return "a regular file";
                default: break;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Files.isRegularFile(p) ? "a regular file" : "not a regular file";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
