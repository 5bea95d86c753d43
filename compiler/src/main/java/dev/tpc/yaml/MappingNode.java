package dev.tpc.yaml;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** A mapping; keys are scalars (Tetragon's loader turns every key into a string). */
public record MappingNode(List<Entry> entries, SourceSpan span) implements YamlNode {

    public record Entry(ScalarNode key, YamlNode value) {
        public String name() {
            return key.keyText();
        }
    }

    public MappingNode {
        entries = List.copyOf(entries);
    }

    public Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.name().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Optional<YamlNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    /** The span of the key {@code key}, or of the whole mapping when the key is absent. */
    public SourceSpan keySpan(String key) {
        return entry(key).map(e -> e.key().span()).orElse(span);
    }

    /** The span of the value under {@code key}, or of the whole mapping when the key is absent. */
    public SourceSpan valueSpan(String key) {
        return get(key).map(YamlNode::span).orElse(span);
    }

    @Override
    public String kindName() {
        return "mapping";
    }
}
