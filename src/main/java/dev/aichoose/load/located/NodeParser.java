package dev.aichoose.load.located;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.aichoose.load.InputException;
import dev.aichoose.load.InputKind;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * Reads YAML or JSON into a {@link Node} tree with positions, through Jackson's streaming parser
 * (one reader for scenarios, catalogs and bench results). Syntax errors become diagnostics.
 *
 * <p>A file holds one document: a second YAML document (after {@code ---}) or anything after the JSON
 * value is an error, not ignored. YAML aliases ({@code *name}) are refused: Jackson hands an alias on
 * as the bare name, which would read {@code *q} as the text "q". A syntax error quotes no more of the
 * input than {@link Excerpt} allows.
 */
public final class NodeParser {
    /**
     * SnakeYAML's own stop, in code points: the largest limit on an input file (InputKind), in bytes, so
     * that no file within its limit reaches it (a code point is at least a byte).
     */
    static final int YAML_CODE_POINT_LIMIT = (int) java.util.Arrays.stream(InputKind.values())
            .mapToLong(InputKind::maxBytes)
            .max()
            .orElseThrow();

    /**
     * Jackson quotes the token it could not read ("Unrecognized token 'FAKETOKEN_…'"): at most this many of
     * its characters, enough for the typos it meets ({@code tru}, {@code NaN}, {@code undefined}).
     */
    static final int ERROR_TOKEN_CHARACTERS = 8;

    private static final ErrorReportConfiguration ERRORS = ErrorReportConfiguration.builder()
            .maxErrorTokenLength(ERROR_TOKEN_CHARACTERS)
            .maxRawContentLength(0)
            .build();
    private static final YAMLFactory YAML = new LinearYamlFactory();
    private static final JsonFactory JSON =
            JsonFactory.builder().errorReportConfiguration(ERRORS).build();

    private NodeParser() {}

    public static Node parseYaml(String file, Reader reader) {
        return parse(file, reader, YAML, Set.of());
    }

    public static Node parseJson(String file, Reader reader) {
        return parse(file, reader, JSON, Set.of());
    }

    /**
     * As {@link #parseJson(String, Reader)}, with the values of the {@code skipped} keys, wherever they
     * stand, read past without building them (they read as null): a reader that needs a few figures of
     * a large file (an evaluation report's 600 months per option) holds only those.
     */
    public static Node parseJson(String file, Reader reader, Set<String> skipped) {
        return parse(file, reader, JSON, skipped, false).getFirst();
    }

    /**
     * Every JSON value in the text, one after another: saved API pages concatenated in one file, or
     * one a line (JSON Lines). Positions run on through the file.
     */
    public static List<Node> parseJsonValues(String file, Reader reader) {
        return parse(file, reader, JSON, Set.of(), true);
    }

    private static Node parse(String file, Reader reader, JsonFactory factory, Set<String> skipped) {
        return parse(file, reader, factory, skipped, false).getFirst();
    }

    private static List<Node> parse(
            String file, Reader reader, JsonFactory factory, Set<String> skipped, boolean several) {
        try (JsonParser parser = factory.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) throw new InputException(new Diagnostic(file, 1, 1, "the file is empty"));
            Reading reading = new Reading(file, skipped);
            List<Node> values = new ArrayList<>();
            values.add(reading.read(parser));
            while (parser.nextToken() != null) {
                if (several) {
                    values.add(reading.read(parser));
                    continue;
                }
                JsonLocation at = parser.currentTokenLocation();
                throw new InputException(new Diagnostic(
                        file,
                        at.getLineNr(),
                        at.getColumnNr(),
                        factory == YAML
                                ? "a second YAML document starts here: a file holds one document (remove the '---'"
                                        + " line and what follows, or make it a file of its own)"
                                : "more after the JSON value ends: a file holds one value"));
            }
            return values;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                // SnakeYAML knows where the problem is and what it expected; the context alone misleads
                Mark at = yaml.getProblemMark();
                String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
                throw new InputException(new Diagnostic(
                        file, at.getLine() + 1, at.getColumn() + 1, "syntax error: " + context + yaml.getProblem()));
            }
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new InputException(new Diagnostic(
                    file,
                    at == null ? 0 : Math.max(at.getLineNr(), 0),
                    at == null ? 0 : Math.max(at.getColumnNr(), 0),
                    "syntax error: " + message));
        } catch (IOException e) {
            throw new InputException(new Diagnostic(file, 0, 0, "cannot read: " + e.getMessage()));
        }
    }

    /**
     * The most values (numbers, texts, lists, mappings) one file may hold. A file's size bounds its
     * tree only loosely (16 MiB of {@code [0,0,…]} are 8 million values, half a gigabyte of nodes); a
     * price book of 50,000 models holds under a million.
     */
    public static final int MAX_VALUES = 2_000_000;

    /** One file's reading: where it is, what is skipped, and how many values it holds so far. */
    private static final class Reading {
        private final String file;
        private final Set<String> skipped;
        private int values;

        Reading(String file, Set<String> skipped) {
            this.file = file;
            this.skipped = skipped;
        }

        Node read(JsonParser p) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            int line = at.getLineNr();
            int col = at.getColumnNr();
            if (++values > MAX_VALUES) {
                throw new InputException(new Diagnostic(
                        file,
                        line,
                        col,
                        String.format(
                                java.util.Locale.ROOT,
                                "more than %,d values: no input file holds that many (docs/reports.md,"
                                        + " \"Limits on input files\")",
                                MAX_VALUES)));
            }
            JsonToken token = p.currentToken();
            if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new InputException(new Diagnostic(
                        file,
                        line,
                        col,
                        "the alias *" + Excerpt.of(p.getText())
                                + " is not supported: write the value out where it is used (anchors and aliases are"
                                + " not read)"));
            }
            return switch (token) {
                case START_OBJECT -> {
                    Map<String, Node.Entry> entries = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        JsonLocation keyAt = p.currentTokenLocation();
                        String key = p.currentName();
                        p.nextToken();
                        Node value;
                        if (skipped.contains(key)) {
                            JsonLocation valueAt = p.currentTokenLocation();
                            p.skipChildren();
                            value = new Node.Scalar(
                                    valueAt.getLineNr(), valueAt.getColumnNr(), Node.ScalarKind.NULL, "null");
                        } else {
                            value = read(p);
                        }
                        if (entries.containsKey(key)) {
                            throw new InputException(new Diagnostic(
                                    file,
                                    keyAt.getLineNr(),
                                    keyAt.getColumnNr(),
                                    "duplicate key '" + Excerpt.of(key) + "' (first at line "
                                            + entries.get(key).line() + ")"));
                        }
                        entries.put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
                    }
                    yield new Node.Mapping(line, col, entries);
                }
                case START_ARRAY -> {
                    List<Node> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p));
                    yield new Node.Sequence(line, col, items);
                }
                case VALUE_NULL -> new Node.Scalar(line, col, Node.ScalarKind.NULL, "null");
                case VALUE_TRUE, VALUE_FALSE -> new Node.Scalar(line, col, Node.ScalarKind.BOOLEAN, p.getText());
                case VALUE_NUMBER_INT -> new Node.Scalar(line, col, Node.ScalarKind.INTEGER, p.getText());
                case VALUE_NUMBER_FLOAT -> new Node.Scalar(line, col, Node.ScalarKind.DECIMAL, p.getText());
                case VALUE_STRING -> new Node.Scalar(line, col, Node.ScalarKind.STRING, p.getText());
                default -> throw new InputException(new Diagnostic(file, line, col, "unsupported value: " + token));
            };
        }
    }

    /**
     * Jackson's YAML factory with SnakeYAML's scanner reading through {@link LinearStreamReader}, and the
     * code-point limit set to {@link #YAML_CODE_POINT_LIMIT}.
     */
    private static final class LinearYamlFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        LinearYamlFactory() {
            // the builder starts from no parser features, where new YAMLFactory() starts from the defaults:
            // without this one, 'options:' with nothing after it would read as "" rather than null
            super(YAMLFactory.builder()
                    .loaderOptions(options())
                    .errorReportConfiguration(ERRORS)
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));
        }

        private static LoaderOptions options() {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(YAML_CODE_POINT_LIMIT);
            return options;
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext context) {
            ParserImpl events = new ParserImpl(new ScannerImpl(new LinearStreamReader("input", r), _loaderOptions));
            return new Parser(context, _parserFeatures, _yamlParserFeatures, _objectCodec, r, events);
        }
    }

    /** Jackson's YAML parser over the events of the scanner above (its constructor for that is protected). */
    private static final class Parser extends YAMLParser {
        Parser(IOContext context, int features, int yamlFeatures, ObjectCodec codec, Reader r, ParserImpl events) {
            super(context, features, yamlFeatures, codec, r, events);
        }
    }
}
