package dev.tpc.yaml;

import dev.tpc.diag.SourceSpan;

/** One document of a YAML stream; {@code ordinal} counts from 1. {@code root} is null when empty. */
public record YamlDocument(int ordinal, YamlNode root, SourceSpan span, Suppressions suppressions) {}
