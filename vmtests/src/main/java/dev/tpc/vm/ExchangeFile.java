package dev.tpc.vm;

import java.util.Arrays;

/**
 * A file the guest wrote into the exchange directory, read once it stopped changing (the
 * directory is removed after the run).
 *
 * @param name    its path relative to the exchange directory, with {@code /} separators
 * @param content its bytes (files over {@link Guests#MAX_EXCHANGE_FILE} are truncated to that)
 */
public record ExchangeFile(String name, byte[] content) {
    public ExchangeFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExchangeFile f && f.name.equals(name) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ExchangeFile[" + name + ", " + content.length + " bytes]";
    }
}
