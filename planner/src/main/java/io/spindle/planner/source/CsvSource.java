package io.spindle.planner.source;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists CSV files and settles their schema: the one given, or one inferred from the first rows of the first
 * file (int, bigint, double, date, boolean, else string), or all strings. A file is one split, read by one
 * task: CSV records may span lines, so a file cannot be cut at arbitrary byte offsets.
 * Options, with Spark's names: {@code header} (false), {@code delimiter} or {@code sep} (,), {@code inferSchema} (false).
 */
public final class CsvSource
{
    public static final String HEADER = "header";
    public static final String DELIMITER = "delimiter";
    public static final String INFER_SCHEMA = "inferSchema";
    /** Rows of the first file that schema inference reads. */
    static final int INFER_SAMPLE_ROWS = 1000;

    private CsvSource()
    {
    }

    public static FileSource open(Configuration conf, List<String> paths, Map<String, String> options, Optional<Schema> userSchema)
    {
        if (paths.isEmpty()) {
            throw new AnalysisException("read().csv() needs at least one path");
        }
        Map<String, String> normalized = normalize(options);
        List<FileStatus> files = WholeFiles.list(conf, paths, "CSV");
        Sample sample = sample(conf, files.get(0), normalized);
        Schema schema = userSchema.orElseGet(() -> inferredSchema(sample, Boolean.parseBoolean(normalized.get(INFER_SCHEMA))));
        double bytesPerRow = sample.records.isEmpty() ? 64 : Math.max(1.0, (double) sample.chars / sample.records.size());
        return WholeFiles.source("csv", conf, paths, schema, files, bytesPerRow, normalized);
    }

    /** The options as the executors' reader expects them: every key present, values checked. */
    private static Map<String, String> normalize(Map<String, String> options)
    {
        String header = "false";
        String delimiter = ",";
        String infer = "false";
        for (Map.Entry<String, String> option : options.entrySet()) {
            switch (option.getKey().toLowerCase(Locale.ROOT)) {
                case "header" -> header = bool(option);
                case "inferschema" -> infer = bool(option);
                case "delimiter", "sep" -> delimiter = delimiter(option.getValue());
                default -> throw new AnalysisException("CSV option '" + option.getKey() + "' is not known; Spindle reads header, delimiter (or sep) "
                        + "and inferSchema");
            }
        }
        return Map.of(HEADER, header, DELIMITER, delimiter, INFER_SCHEMA, infer);
    }

    private static String bool(Map.Entry<String, String> option)
    {
        String value = option.getValue().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new AnalysisException("CSV option '" + option.getKey() + "' must be true or false, not '" + option.getValue() + "'");
        }
        return value;
    }

    private static String delimiter(String value)
    {
        String unescaped = value.equals("\\t") ? "\t" : value;
        if (unescaped.length() != 1 || unescaped.equals("\"") || unescaped.equals("\n") || unescaped.equals("\r")) {
            throw new AnalysisException("CSV delimiter must be one character other than a quote or line break, not '" + value + "'");
        }
        return unescaped;
    }

    /** The delimiter of normalized options. */
    public static char delimiterOf(Map<String, String> options)
    {
        return options.get(DELIMITER).charAt(0);
    }

    public static boolean hasHeader(Map<String, String> options)
    {
        return Boolean.parseBoolean(options.get(HEADER));
    }

    /** The header (null without one), the first records and the characters they took. */
    private record Sample(List<String> header, List<List<String>> records, long chars)
    {
    }

    private static Sample sample(Configuration conf, FileStatus file, Map<String, String> options)
    {
        boolean header = hasHeader(options);
        try {
            FileSystem fs = file.getPath().getFileSystem(conf);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))) {
                CsvTokenizer tokenizer = new CsvTokenizer(reader, delimiterOf(options));
                List<String> fields = new ArrayList<>();
                List<String> names = null;
                if (header && tokenizer.next(fields)) {
                    names = new ArrayList<>(fields);
                }
                long headerChars = tokenizer.charsRead();
                List<List<String>> records = new ArrayList<>();
                while (records.size() < INFER_SAMPLE_ROWS && tokenizer.next(fields)) {
                    records.add(new ArrayList<>(fields));
                }
                return new Sample(names, records, tokenizer.charsRead() - headerChars);
            }
        }
        catch (IOException e) {
            throw new AnalysisException("cannot read CSV file " + file.getPath() + ": " + e.getMessage(), e);
        }
    }

    private static Schema inferredSchema(Sample sample, boolean inferTypes)
    {
        // as Spark: the header, or else the first record, says how many columns there are
        int columns = sample.header != null ? sample.header.size() : sample.records.isEmpty() ? 0 : sample.records.get(0).size();
        if (columns == 0) {
            throw new AnalysisException("cannot infer the schema of an empty CSV file; give one with schema(...)");
        }
        List<StructField> fields = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String name = sample.header != null && c < sample.header.size() && sample.header.get(c) != null ? sample.header.get(c) : "_c" + c;
            DataType type = DataType.STRING;
            if (inferTypes) {
                Inferred inferred = Inferred.NULL;
                for (List<String> record : sample.records) {
                    if (c < record.size() && record.get(c) != null) {
                        inferred = inferred.merge(Inferred.of(record.get(c)));
                    }
                }
                type = inferred.type;
            }
            fields.add(new StructField(name, type, true));
        }
        return new Schema(fields);
    }

    /** The narrowest type that holds a column's sampled values, and how two columns' types merge. */
    private enum Inferred
    {
        NULL(DataType.STRING),
        INT(DataType.INT),
        LONG(DataType.LONG),
        DOUBLE(DataType.DOUBLE),
        DATE(DataType.DATE),
        BOOLEAN(DataType.BOOLEAN),
        STRING(DataType.STRING);

        private final DataType type;

        Inferred(DataType type)
        {
            this.type = type;
        }

        static Inferred of(String value)
        {
            try {
                Integer.parseInt(value);
                return INT;
            }
            catch (NumberFormatException ignored) {
                // not an int: try wider types
            }
            try {
                Long.parseLong(value);
                return LONG;
            }
            catch (NumberFormatException ignored) {
                // not a bigint
            }
            if (CsvValues.parseDouble(value) != null) {
                return DOUBLE;
            }
            try {
                LocalDate.parse(value);
                return DATE;
            }
            catch (DateTimeParseException ignored) {
                // not a date
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return BOOLEAN;
            }
            return STRING;
        }

        Inferred merge(Inferred other)
        {
            if (this == NULL || this == other) {
                return other;
            }
            boolean numeric = (this == INT || this == LONG || this == DOUBLE) && (other == INT || other == LONG || other == DOUBLE);
            return numeric ? (ordinal() > other.ordinal() ? this : other) : STRING;
        }
    }
}
