package dev.tpc.yaml;

import dev.tpc.diag.SourceSpan;
import java.util.List;

/** A sequence. */
public record SequenceNode(List<YamlNode> items, SourceSpan span) implements YamlNode {
    public SequenceNode {
        items = List.copyOf(items);
    }

    @Override
    public String kindName() {
        return "sequence";
    }
}
