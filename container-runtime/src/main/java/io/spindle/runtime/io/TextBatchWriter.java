package io.spindle.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows as UTF-8 text, one line per row: CSV (RFC 4180: a field holding the delimiter, a quote or a line
 * break is quoted, quotes doubled; a null is an empty field and an empty string {@code ""}; an optional header)
 * or JSON Lines (one object per row, null fields left out, as Spark writes them). Dates as {@code yyyy-MM-dd},
 * timestamps as ISO-8601 instants in UTC, decimals in plain notation. Not thread-safe.
 */
public final class TextBatchWriter
        implements BatchWriter
{
    public static final String HEADER = "header";
    public static final String DELIMITER = "delimiter";

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String file;
    private final Schema schema;
    private final boolean json;
    private final char delimiter;
    private final FSDataOutputStream stream;
    private final Writer writer;
    private final JsonGenerator generator;
    private long rows;
    private long bytes;

    /** {@code format} is {@code csv} (options {@code header}, {@code delimiter}) or {@code json}. */
    public TextBatchWriter(Configuration conf, String file, Schema schema, String format, Map<String, String> options)
    {
        requireNonNull(conf, "conf is null");
        this.file = requireNonNull(file, "file is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.json = format.equals("json");
        if (!json && !format.equals("csv")) {
            throw new IllegalArgumentException("no text writer for format '" + format + "'");
        }
        this.delimiter = options.getOrDefault(DELIMITER, ",").charAt(0);
        try {
            Path path = new Path(file);
            this.stream = path.getFileSystem(conf).create(path, false);
            this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            this.generator = json ? JSON.createGenerator(writer) : null;
            if (generator != null) {
                // one object per line, and nothing closed behind the writer's back
                generator.setRootValueSeparator(null);
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                generator.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            }
            if (!json && Boolean.parseBoolean(options.getOrDefault(HEADER, "false"))) {
                for (int c = 0; c < schema.size(); c++) {
                    if (c > 0) {
                        writer.write(delimiter);
                    }
                    writeCsvField(schema.field(c).name());
                }
                writer.write('\n');
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + format.toUpperCase(java.util.Locale.ROOT) + " file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ColumnBatch batch)
    {
        try {
            for (int row = 0; row < batch.rowCount(); row++) {
                if (json) {
                    writeJsonRow(batch, row);
                }
                else {
                    writeCsvRow(batch, row);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
        }
        rows += batch.rowCount();
    }

    private void writeCsvRow(ColumnBatch batch, int row)
            throws IOException
    {
        for (int c = 0; c < batch.columnCount(); c++) {
            if (c > 0) {
                writer.write(delimiter);
            }
            ColumnVector column = batch.column(c);
            if (column.isNull(row)) {
                continue;
            }
            String text = text(column, row);
            if (text.isEmpty()) {
                // an empty string, told apart from a null
                writer.write("\"\"");
            }
            else {
                writeCsvField(text);
            }
        }
        writer.write('\n');
    }

    private void writeCsvField(String text)
            throws IOException
    {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char ch = text.charAt(i);
            quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            writer.write(text);
            return;
        }
        writer.write('"');
        writer.write(text.replace("\"", "\"\""));
        writer.write('"');
    }

    private void writeJsonRow(ColumnBatch batch, int row)
            throws IOException
    {
        generator.writeStartObject();
        for (int c = 0; c < batch.columnCount(); c++) {
            ColumnVector column = batch.column(c);
            if (column.isNull(row)) {
                continue;
            }
            generator.writeFieldName(schema.field(c).name());
            Object value = column.getObject(row);
            switch (column.type().kind()) {
                case BOOLEAN -> generator.writeBoolean((Boolean) value);
                case INT -> generator.writeNumber((Integer) value);
                case LONG -> generator.writeNumber((Long) value);
                case DOUBLE -> generator.writeNumber((Double) value);
                case DECIMAL -> generator.writeNumber((BigDecimal) value);
                default -> generator.writeString(text(column, row));
            }
        }
        generator.writeEndObject();
        generator.flush();
        writer.write('\n');
    }

    private static String text(ColumnVector column, int row)
    {
        Object value = column.getObject(row);
        if (column.type().kind() == TypeKind.TIMESTAMP) {
            return TIMESTAMP.format((Instant) value);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    @Override
    public long rowsWritten()
    {
        return rows;
    }

    @Override
    public long bytesWritten()
    {
        return bytes;
    }

    @Override
    public void close()
            throws IOException
    {
        if (generator != null) {
            generator.close();
        }
        writer.close();
        bytes = stream.getPos();
    }
}
