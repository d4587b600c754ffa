package dev.aichoose.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The one mapper every JSON report goes through: output records in snake_case, numbers as plain
 * decimals ({@code 0.0007321}, never {@code 7.321E-4}), the figures already rounded by
 * {@link dev.aichoose.text.Figures}.
 */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    static void write(Object document, Writer out) throws IOException {
        MAPPER.writeValue(out, document);
        out.write('\n');
        out.flush();
    }

    static void write(Object document, OutputStream out) throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        MAPPER.writeValue(buffered, document);
        buffered.write('\n');
        buffered.flush();
    }
}
