package dev.tpc.cli.runtime;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Ignores the event writers' flush after every line and flushes when told, once per ring-buffer
 * poll: one write(2) per batch of events instead of one per event, which is what limits how many
 * events per second {@code tpc run} can print (docs/performance.md). Events still appear at
 * least every poll slice (100 ms).
 */
final class BatchFlushWriter extends FilterWriter {
    BatchFlushWriter(Writer out) {
        super(out);
    }

    @Override
    public void flush() {
        // deferred to flushNow()
    }

    void flushNow() throws IOException {
        out.flush();
    }
}
