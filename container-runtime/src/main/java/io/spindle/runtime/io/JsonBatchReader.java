package io.spindle.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reads a JSON Lines file (one split) as {@link ColumnBatch}es of the requested columns, matched to top-level
 * fields by name. Each value is taken as text (a string's characters, a number or boolean as written, a nested
 * object or array as its JSON) and parsed into its column's type as the CSV reader does: what does not fit is
 * null, and so is a missing field. A line that is not a JSON object gives a row of nulls, as Spark's PERMISSIVE
 * mode; blank lines are skipped. Not thread-safe.
 */
public final class JsonBatchReader
        implements BatchReader
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private final String file;
    private final long fileBytes;
    private final BufferedReader reader;
    private final DataType[] types;
    private final Map<String, Integer> columnOfField = new HashMap<>();
    private final int batchRows;
    private final String[] values;
    private long lineNumber;
    private boolean done;
    private long bytesRead;

    public JsonBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows)
    {
        requireNonNull(conf, "conf is null");
        requireNonNull(split, "split is null");
        this.file = split.path();
        this.fileBytes = split.bytes();
        this.batchRows = batchRows;
        this.types = columns.stream().map(c -> fileSchema.field(c).type()).toArray(DataType[]::new);
        for (int c = 0; c < columns.size(); c++) {
            columnOfField.put(fileSchema.field(columns.get(c)).name(), c);
        }
        this.values = new String[columns.size()];
        Path path = new Path(file);
        try {
            this.reader = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open JSON file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ColumnBatch next()
    {
        if (done) {
            return null;
        }
        CsvBatchReader.ColumnFiller[] fillers = new CsvBatchReader.ColumnFiller[types.length];
        for (int c = 0; c < types.length; c++) {
            fillers[c] = new CsvBatchReader.ColumnFiller(types[c], batchRows);
        }
        int rows = 0;
        while (rows < batchRows) {
            String line = readLine();
            if (line == null) {
                done = true;
                bytesRead = fileBytes;
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            parse(line);
            for (int c = 0; c < fillers.length; c++) {
                fillers[c].add(rows, values[c]);
            }
            rows++;
        }
        if (rows == 0) {
            return null;
        }
        List<ColumnVector> vectors = new ArrayList<>(fillers.length);
        for (CsvBatchReader.ColumnFiller filler : fillers) {
            vectors.add(filler.build(rows));
        }
        return new ColumnBatch(vectors, rows);
    }

    private String readLine()
    {
        try {
            String line = reader.readLine();
            lineNumber++;
            return line;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (lineNumber + 1) + " of JSON file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Fills {@link #values} with the text of each requested field of {@code line}, null where absent or null. */
    private void parse(String line)
    {
        Arrays.fill(values, null);
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer column = columnOfField.get(parser.getCurrentName());
                JsonToken token = parser.nextToken();
                if (column == null) {
                    parser.skipChildren();
                    continue;
                }
                values[column] = switch (token) {
                    case VALUE_NULL -> null;
                    case START_OBJECT, START_ARRAY -> nestedText(parser);
                    default -> parser.getText();
                };
            }
        }
        catch (JsonProcessingException malformed) {
            // PERMISSIVE: the whole record is null rather than half of it
            Arrays.fill(values, null);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot parse line " + lineNumber + " of JSON file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String nestedText(JsonParser parser)
            throws IOException
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.copyCurrentStructure(parser);
        }
        return text.toString();
    }

    @Override
    public long bytesRead()
    {
        return bytesRead;
    }

    @Override
    public void close()
            throws IOException
    {
        reader.close();
    }
}
