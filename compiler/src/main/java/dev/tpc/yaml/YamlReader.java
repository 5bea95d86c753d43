package dev.tpc.yaml;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.InputRule;
import dev.tpc.diag.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a YAML stream into positioned trees, one per document. Entry point of the parse stage.
 *
 * <p>It builds the tree from parser events itself rather than through a composer, so that depth,
 * node count and alias expansion are bounded while reading: a billion-laughs file or a deeply
 * nested one stops at the limit with a diagnostic instead of exhausting memory or the stack.
 */
public final class YamlReader {
    private final YamlLimits limits;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /**
     * Reads a file; {@code displayPath} is how diagnostics name it. Anything but a regular file
     * (a FIFO, a device, a directory, a link to nowhere) is reported without being opened, since
     * reading it could block or never end.
     */
    public ParsedFile read(Path file, String displayPath) {
        SourceText empty = new SourceText(displayPath, List.of());
        try {
            if (!Files.isRegularFile(file)) {
                return unreadable(empty, Files.isDirectory(file) ? "a directory"
                        : Files.isSymbolicLink(file) && !Files.exists(file) ? BROKEN_LINK : "not a regular file");
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                return tooLarge(empty, size);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
            }
            return read(bytes, displayPath);
        } catch (IOException | RuntimeException e) {
            return unreadable(empty, whyUnreadable(e));
        }
    }

    /** What a user is told about a file that exists but leads to no content. */
    public static final String BROKEN_LINK = "a symbolic link that leads nowhere (broken, or a loop)";

    /** A reason for a failed read that names the cause instead of repeating the path. */
    public static String whyUnreadable(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "a symbolic link loop";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ParsedFile unreadable(SourceText empty, String why) {
        return new ParsedFile(empty, List.of(), List.of(
                InputRule.UNREADABLE.at(SourceSpan.wholeFile(empty.path()), "cannot read " + empty.path() + ": " + why)));
    }

    public ParsedFile read(byte[] bytes, String displayPath) {
        SourceText empty = new SourceText(displayPath, List.of());
        if (bytes.length > limits.maxBytes()) {
            return tooLarge(empty, bytes.length);
        }
        String text = decode(bytes);
        if (text == null) {
            return new ParsedFile(empty, List.of(), List.of(InputRule.BINARY.at(SourceSpan.wholeFile(displayPath),
                    displayPath + " is not a UTF-8 text file",
                    "policies are YAML text; check that this is the file you meant")));
        }
        return readText(text, displayPath);
    }

    public ParsedFile readText(String text, String displayPath) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        SourceText source = new SourceText(displayPath, text.lines().toList());
        return new Builder(source, limits).build(text);
    }

    private ParsedFile tooLarge(SourceText empty, long size) {
        return new ParsedFile(empty, List.of(), List.of(InputRule.TOO_LARGE.at(SourceSpan.wholeFile(empty.path()),
                empty.path() + " is " + size + " bytes, more than the limit of " + limits.maxBytes() + " bytes",
                "a TracingPolicy is normally a few kilobytes; split the file or check that it is a policy")));
    }

    /** Strict UTF-8 (or UTF-16 with a BOM); null for binary input. */
    private static String decode(byte[] bytes) {
        int probe = Math.min(bytes.length, 8192);
        boolean utf16 = bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE));
        if (utf16) {
            return new String(bytes, StandardCharsets.UTF_16);
        }
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Signals that a limit was hit; carries the diagnostic. */
    private static final class LimitExceeded extends RuntimeException {
        final transient Diagnostic diagnostic;

        LimitExceeded(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    private static final class Builder {
        private final SourceText source;
        private final YamlLimits limits;
        private final List<YamlDocument> documents = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<Diagnostic> documentProblems = new ArrayList<>();
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private int nodes;
        private int aliases;
        private int documentStartLine;
        private int previousDocumentEndLine;
        private YamlNode documentRoot;

        Builder(SourceText source, YamlLimits limits) {
            this.source = source;
            this.limits = limits;
        }

        /** An open collection being filled. */
        private static final class Frame {
            final CollectionStartEvent start;
            final boolean mapping;
            final List<YamlNode> items = new ArrayList<>();
            ScalarNode pendingKey;
            final Set<String> keys = new HashSet<>();
            final List<MappingNode.Entry> entries = new ArrayList<>();
            final List<MappingNode> merges = new ArrayList<>();

            Frame(CollectionStartEvent start, boolean mapping) {
                this.start = start;
                this.mapping = mapping;
            }
        }

        ParsedFile build(String text) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source.path())
                    .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                    .setMaxAliasesForCollections(limits.maxAliases())
                    .setAllowDuplicateKeys(true)
                    .build();
            try {
                for (Event event : new Parse(settings).parseString(text)) {
                    onEvent(event);
                }
            } catch (LimitExceeded e) {
                diagnostics.add(e.diagnostic);
            } catch (MarkedYamlEngineException e) {
                Mark problemMark = e.getProblemMark().orElse(null);
                Mark contextMark = e.getContextMark().orElse(null);
                // at the end of the stream the problem mark points past the text; the context (where
                // the unclosed construct began) is the useful place then
                boolean pastEnd = problemMark == null || problemMark.getLine() >= source.lines().size();
                Mark mark = pastEnd && contextMark != null ? contextMark : problemMark;
                String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
                String context = e.getContext() == null ? "" : " (" + e.getContext()
                        + (contextMark != null && mark != contextMark
                        ? " that starts at " + (contextMark.getLine() + 1) + ":" + (contextMark.getColumn() + 1) : "") + ")";
                diagnostics.add(InputRule.YAML_SYNTAX.at(spanAt(mark), problem + context));
            } catch (YamlEngineException e) {
                diagnostics.add(unmarked(e, text));
            } catch (StackOverflowError e) {
                diagnostics.add(InputRule.YAML_LIMIT.at(SourceSpan.wholeFile(source.path()), "the YAML is nested too deeply to read"));
            }
            return new ParsedFile(source, documents, diagnostics);
        }

        /**
         * A parser error without a position. The one the reader raises for a character YAML does
         * not allow (a control character) says neither where nor which, so find it.
         */
        private Diagnostic unmarked(YamlEngineException e, String text) {
            String message = String.valueOf(e.getMessage());
            int line = 1;
            int column = 1;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                if (!allowedInYaml(c)) {
                    return InputRule.YAML_SYNTAX.at(SourceSpan.point(source.path(), line, column),
                            message + String.format(" (U+%04X)", c),
                            "YAML text may not hold control characters; write them as escapes in a double-quoted string (\\e, \\x1b)");
                }
                if (c == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += Character.charCount(c);
            }
            return InputRule.YAML_SYNTAX.at(SourceSpan.wholeFile(source.path()), message);
        }

        /** YAML 1.2's c-printable, as snakeyaml's reader checks it. */
        private static boolean allowedInYaml(int c) {
            return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
        }

        private void onEvent(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (documents.size() >= limits.maxDocuments()) {
                        throw new LimitExceeded(InputRule.YAML_LIMIT.at(span(event),
                                "the file holds more than " + limits.maxDocuments() + " YAML documents"));
                    }
                    anchors.clear();
                    documentRoot = null;
                    // comments before an implicit document start belong to it, so scan from the previous end
                    documentStartLine = previousDocumentEndLine + 1;
                }
                case DocumentEnd -> finishDocument(event);
                case Scalar -> add(scalar((ScalarEvent) event), (NodeEvent) event);
                case Alias -> alias((AliasEvent) event);
                case MappingStart, SequenceStart -> {
                    if (stack.size() >= limits.maxDepth()) {
                        throw new LimitExceeded(InputRule.YAML_LIMIT.at(span(event),
                                "the YAML is nested more than " + limits.maxDepth() + " levels deep"));
                    }
                    countNode(event);
                    stack.push(new Frame((CollectionStartEvent) event, event.getEventId() == Event.ID.MappingStart));
                }
                case MappingEnd, SequenceEnd -> {
                    Frame f = stack.pop();
                    SourceSpan span = new SourceSpan(source.path(), line(f.start.getStartMark()), column(f.start.getStartMark()),
                            line(event.getEndMark()), column(event.getEndMark()));
                    YamlNode node;
                    if (f.mapping) {
                        List<MappingNode.Entry> entries = new ArrayList<>(f.entries);
                        for (MappingNode merged : f.merges) {
                            for (MappingNode.Entry e : merged.entries()) {
                                if (f.keys.add(e.name())) {
                                    entries.add(e);
                                }
                            }
                        }
                        node = new MappingNode(entries, span);
                    } else {
                        node = new SequenceNode(f.items, span);
                    }
                    add(node, f.start);
                }
                default -> { }
            }
        }

        private void finishDocument(Event end) {
            int ordinal = documents.size() + 1;
            int endLine = end.getEndMark().map(m -> m.getLine() + 1).orElse(source.lines().size());
            SourceSpan span = documentRoot != null
                    ? documentRoot.span()
                    : new SourceSpan(source.path(), documentStartLine, 1, documentStartLine, 1);
            int firstNodeLine = documentRoot != null ? documentRoot.span().line() : endLine;
            documents.add(new YamlDocument(ordinal, documentRoot,
                    span, SuppressionScanner.scan(source, documentStartLine, firstNodeLine, endLine), documentProblems));
            documentProblems.clear();
            previousDocumentEndLine = endLine;
        }

        private ScalarNode scalar(ScalarEvent e) {
            countNode(e);
            Optional<String> tag = e.getTag();
            Object value;
            boolean quoted = !e.isPlain();
            if (tag.isPresent() && !tag.get().equals("!")) {
                value = tagged(tag.get(), e);
            } else if (e.isPlain()) {
                value = Yaml11.resolvePlain(e.getValue());
            } else {
                value = e.getValue();
            }
            return new ScalarNode(e.getValue(), value, quoted, span(e));
        }

        private Object tagged(String tag, ScalarEvent e) {
            String t = tag.startsWith("tag:yaml.org,2002:") ? tag.substring("tag:yaml.org,2002:".length()) : tag;
            return switch (t) {
                case "str", "binary", "timestamp" -> e.getValue();
                case "null" -> null;
                default -> {
                    Object v = Yaml11.resolvePlain(e.getValue());
                    if (("int".equals(t) && !(v instanceof Long || v instanceof java.math.BigInteger))
                            || ("bool".equals(t) && !(v instanceof Boolean))
                            || ("float".equals(t) && !(v instanceof Number))) {
                        throw new LimitExceeded(InputRule.YAML_SYNTAX.at(span(e),
                                "cannot decode !!" + t + " `" + e.getValue() + "`"));
                    }
                    yield v;
                }
            };
        }

        private void alias(AliasEvent e) {
            if (++aliases > limits.maxAliases()) {
                throw new LimitExceeded(InputRule.YAML_LIMIT.at(span(e),
                        "the YAML uses more than " + limits.maxAliases() + " aliases"));
            }
            YamlNode target = anchors.get(e.getAlias().getValue());
            if (target == null) {
                throw new LimitExceeded(InputRule.YAML_SYNTAX.at(span(e), "unknown anchor '" + e.getAlias().getValue() + "'"));
            }
            int size = countTree(target);
            nodes += size;
            if (nodes > limits.maxNodes()) {
                throw new LimitExceeded(InputRule.YAML_LIMIT.at(span(e),
                        "expanding aliases makes the YAML larger than " + limits.maxNodes() + " nodes"));
            }
            attach(target, e);
        }

        private int countTree(YamlNode n) {
            if (n instanceof MappingNode m) {
                int c = 1;
                for (MappingNode.Entry e : m.entries()) {
                    c += 1 + countTree(e.value());
                    if (c > limits.maxNodes()) return c;
                }
                return c;
            }
            if (n instanceof SequenceNode s) {
                int c = 1;
                for (YamlNode i : s.items()) {
                    c += countTree(i);
                    if (c > limits.maxNodes()) return c;
                }
                return c;
            }
            return 1;
        }

        private void add(YamlNode node, NodeEvent event) {
            event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
            attach(node, event);
        }

        private void attach(YamlNode node, Event event) {
            Frame top = stack.peek();
            if (top == null) {
                documentRoot = node;
                return;
            }
            if (!top.mapping) {
                top.items.add(node);
                return;
            }
            if (top.pendingKey == null) {
                if (!(node instanceof ScalarNode key)) {
                    throw new LimitExceeded(InputRule.UNSUPPORTED_YAML.at(node.span(),
                            "a mapping key must be a scalar, not a " + node.kindName()));
                }
                top.pendingKey = key;
                return;
            }
            ScalarNode key = top.pendingKey;
            top.pendingKey = null;
            if ("<<".equals(key.text()) && !key.quoted()) {
                merge(top, node);
                return;
            }
            if (!top.keys.add(key.keyText())) {
                documentProblems.add(InputRule.DUPLICATE_KEY.at(key.span(),
                        "key \"" + key.keyText() + "\" is already defined in this mapping",
                        "Tetragon's strict decoding rejects duplicate keys; keep one"));
                return;
            }
            top.entries.add(new MappingNode.Entry(key, node));
        }

        private void merge(Frame top, YamlNode value) {
            if (value instanceof MappingNode m) {
                top.merges.add(m);
            } else if (value instanceof SequenceNode s && s.items().stream().allMatch(MappingNode.class::isInstance)) {
                s.items().forEach(i -> top.merges.add((MappingNode) i));
            } else {
                throw new LimitExceeded(InputRule.UNSUPPORTED_YAML.at(value.span(),
                        "a merge key (<<) needs a mapping or a list of mappings"));
            }
        }

        private void countNode(Event e) {
            if (++nodes > limits.maxNodes()) {
                throw new LimitExceeded(InputRule.YAML_LIMIT.at(span(e), "the YAML has more than " + limits.maxNodes() + " nodes"));
            }
        }

        private SourceSpan span(Event e) {
            return new SourceSpan(source.path(), line(e.getStartMark()), column(e.getStartMark()),
                    line(e.getEndMark()), column(e.getEndMark()));
        }

        private SourceSpan spanAt(Mark m) {
            if (m == null) {
                return SourceSpan.wholeFile(source.path());
            }
            return SourceSpan.point(source.path(), m.getLine() + 1, m.getColumn() + 1);
        }

        private static int line(Optional<Mark> m) {
            return m.map(x -> x.getLine() + 1).orElse(0);
        }

        private static int column(Optional<Mark> m) {
            return m.map(x -> x.getColumn() + 1).orElse(0);
        }
    }
}
