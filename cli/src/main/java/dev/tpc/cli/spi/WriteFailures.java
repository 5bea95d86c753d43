package dev.tpc.cli.spi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why an output file could not be written, in words (the JDK's messages of these are often just
 * the path). Every verb that writes a file says it the same way, wherever the verb lives.
 */
public final class WriteFailures {
    private WriteFailures() {
    }

    public static String why(IOException e) {
        return e instanceof NoSuchFileException ? "its folder does not exist"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
    }
}
