package dev.aichoose.load.located;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aichoose.load.InputException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON into a {@link Node} tree with positions, through Jackson's streaming parser
 * (one reader for scenarios, catalogs and bench results). Syntax errors become diagnostics.
 */
public final class NodeParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private NodeParser() {}

    public static Node parseYaml(String file, Reader reader) {
        return parse(file, reader, YAML);
    }

    public static Node parseJson(String file, Reader reader) {
        return parse(file, reader, JSON);
    }

    private static Node parse(String file, Reader reader, JsonFactory factory) {
        return parse(file, reader, factory, false).getFirst();
    }

    /**
     * Every JSON value in the text, one after another: saved API pages concatenated in one file, or
     * one a line (JSON Lines). Positions run on through the file.
     */
    public static List<Node> parseJsonValues(String file, Reader reader) {
        return parse(file, reader, JSON, true);
    }

    private static List<Node> parse(String file, Reader reader, JsonFactory factory, boolean several) {
        try (JsonParser parser = factory.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) throw new InputException(new Diagnostic(file, 1, 1, "the file is empty"));
            List<Node> values = new ArrayList<>();
            values.add(read(file, parser));
            while (several && parser.nextToken() != null) values.add(read(file, parser));
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

    private static Node read(String file, JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = p.currentTokenLocation();
                    String key = p.currentName();
                    p.nextToken();
                    Node value = read(file, p);
                    if (entries.containsKey(key)) {
                        throw new InputException(new Diagnostic(
                                file,
                                keyAt.getLineNr(),
                                keyAt.getColumnNr(),
                                "duplicate key '" + key + "' (first at line "
                                        + entries.get(key).line() + ")"));
                    }
                    entries.put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
                }
                yield new Node.Mapping(line, col, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(file, p));
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
