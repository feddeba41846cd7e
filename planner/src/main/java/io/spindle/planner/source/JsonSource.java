package io.spindle.planner.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists JSON Lines files (one object per line, as Spark reads JSON by default) and settles their schema: the one
 * given, or one inferred from the first {@value #INFER_SAMPLE_LINES} lines: a column per top-level field, sorted
 * by name as Spark sorts them, typed bigint, double, boolean or string (whole numbers and fractions together
 * are double; anything else mixed is string). Nested objects and arrays are read as their JSON text, in a
 * string column. A file is one split, read by one task. Options, with Spark's names: {@code multiLine} (false
 * only), {@code primitivesAsString} (false).
 */
public final class JsonSource
{
    public static final String PRIMITIVES_AS_STRING = "primitivesAsString";
    static final int INFER_SAMPLE_LINES = 1000;

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSource()
    {
    }

    public static FileSource open(Configuration conf, List<String> paths, Map<String, String> options, Optional<Schema> userSchema)
    {
        if (paths.isEmpty()) {
            throw new AnalysisException("read().json() needs at least one path");
        }
        Map<String, String> normalized = normalize(options);
        List<FileStatus> files = WholeFiles.list(conf, paths, "JSON");
        Sample sample = sample(conf, files);
        Schema schema = userSchema.orElseGet(() -> inferredSchema(sample, Boolean.parseBoolean(normalized.get(PRIMITIVES_AS_STRING)), paths));
        double bytesPerRow = sample.lines == 0 ? 64 : Math.max(1.0, (double) sample.chars / sample.lines);
        return WholeFiles.source("json", conf, paths, schema, files, bytesPerRow, normalized);
    }

    private static Map<String, String> normalize(Map<String, String> options)
    {
        String primitivesAsString = "false";
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue().toLowerCase(Locale.ROOT);
            switch (option.getKey().toLowerCase(Locale.ROOT)) {
                case "multiline" -> {
                    if (!value.equals("false")) {
                        throw new AnalysisException("JSON option multiLine=" + option.getValue() + " is not supported; Spindle reads JSON Lines,"
                                + " one object per line (multiLine=false)");
                    }
                }
                case "primitivesasstring" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new AnalysisException("JSON option '" + option.getKey() + "' must be true or false, not '" + option.getValue() + "'");
                    }
                    primitivesAsString = value;
                }
                default -> throw new AnalysisException("JSON option '" + option.getKey() + "' is not known; Spindle reads multiLine (false)"
                        + " and primitivesAsString");
            }
        }
        return Map.of(PRIMITIVES_AS_STRING, primitivesAsString);
    }

    /** The type each sampled field settled on, by name, and how many lines and characters the sample took. */
    private record Sample(Map<String, Inferred> fields, long lines, long chars)
    {
    }

    private static Sample sample(Configuration conf, List<FileStatus> files)
    {
        Map<String, Inferred> fields = new TreeMap<>();
        long lines = 0;
        long chars = 0;
        for (FileStatus file : files) {
            try {
                FileSystem fs = file.getPath().getFileSystem(conf);
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))) {
                    String line;
                    while (lines < INFER_SAMPLE_LINES && (line = reader.readLine()) != null) {
                        chars += line.length() + 1;
                        if (line.isBlank()) {
                            continue;
                        }
                        lines++;
                        sampleLine(line, fields);
                    }
                }
            }
            catch (IOException e) {
                throw new AnalysisException("cannot read JSON file " + file.getPath() + ": " + e.getMessage(), e);
            }
            if (lines >= INFER_SAMPLE_LINES) {
                break;
            }
        }
        return new Sample(fields, lines, chars);
    }

    /** Merges the top-level fields of one line into {@code fields}; a line that is not an object adds nothing, as a malformed record. */
    private static void sampleLine(String line, Map<String, Inferred> fields)
    {
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            Map<String, Inferred> seen = new TreeMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                seen.merge(name, Inferred.of(value), Inferred::merge);
                parser.skipChildren();
            }
            seen.forEach((name, type) -> fields.merge(name, type, Inferred::merge));
        }
        catch (JsonProcessingException malformed) {
            // a malformed line reads as nulls; it says nothing about the schema
        }
        catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static Schema inferredSchema(Sample sample, boolean primitivesAsString, List<String> paths)
    {
        if (sample.fields.isEmpty()) {
            throw new AnalysisException("cannot infer a schema from the JSON files under " + paths + ": their first lines hold no objects;"
                    + " give one with schema(...)");
        }
        List<StructField> fields = new ArrayList<>();
        sample.fields.forEach((name, type) -> fields.add(new StructField(name, primitivesAsString ? DataType.STRING : type.type, true)));
        return new Schema(fields);
    }

    /** The narrowest type that holds a field's sampled values, and how two of them merge. */
    private enum Inferred
    {
        NULL(DataType.STRING),
        LONG(DataType.LONG),
        DOUBLE(DataType.DOUBLE),
        BOOLEAN(DataType.BOOLEAN),
        STRING(DataType.STRING);

        private final DataType type;

        Inferred(DataType type)
        {
            this.type = type;
        }

        static Inferred of(JsonToken token)
        {
            return switch (token) {
                case VALUE_NULL -> NULL;
                case VALUE_NUMBER_INT -> LONG;
                case VALUE_NUMBER_FLOAT -> DOUBLE;
                case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
                default -> STRING;
            };
        }

        Inferred merge(Inferred other)
        {
            if (this == NULL || this == other) {
                return other;
            }
            if (other == NULL) {
                return this;
            }
            boolean numeric = (this == LONG || this == DOUBLE) && (other == LONG || other == DOUBLE);
            return numeric ? DOUBLE : STRING;
        }
    }
}
