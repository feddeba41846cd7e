package io.spindle.runtime.io;

import io.spindle.planner.source.CsvSource;
import io.spindle.planner.source.CsvTokenizer;
import io.spindle.planner.source.CsvValues;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reads a whole CSV file (one split) as {@link ColumnBatch}es of the requested columns, by position in the
 * planned schema. An empty field is null; a field that does not parse as its column's type is null, as in
 * Spark's PERMISSIVE mode; a short record's missing fields are null and a long record's extra fields are
 * ignored. Values go straight into the vectors' arrays. Not thread-safe.
 */
public final class CsvBatchReader
        implements BatchReader
{
    private final String file;
    private final long fileBytes;
    private final Reader reader;
    private final CsvTokenizer tokenizer;
    private final DataType[] types;
    private final int[] positions;
    private final int batchRows;
    private final List<String> fields = new ArrayList<>();
    private boolean done;
    private long bytesRead;

    public CsvBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, Map<String, String> options, int batchRows)
    {
        requireNonNull(conf, "conf is null");
        requireNonNull(split, "split is null");
        this.file = split.path();
        this.fileBytes = split.bytes();
        this.batchRows = batchRows;
        this.positions = columns.stream().mapToInt(Integer::intValue).toArray();
        this.types = columns.stream().map(c -> fileSchema.field(c).type()).toArray(DataType[]::new);
        Path path = new Path(file);
        try {
            this.reader = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open CSV file " + file + ": " + e.getMessage(), e);
        }
        this.tokenizer = new CsvTokenizer(reader, CsvSource.delimiterOf(options));
        if (CsvSource.hasHeader(options)) {
            advance();
        }
    }

    private boolean advance()
    {
        try {
            return tokenizer.next(fields);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read record " + tokenizer.recordNumber() + " of CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ColumnBatch next()
    {
        if (done) {
            return null;
        }
        ColumnFiller[] fillers = new ColumnFiller[types.length];
        for (int c = 0; c < types.length; c++) {
            fillers[c] = new ColumnFiller(types[c], batchRows);
        }
        int rows = 0;
        while (rows < batchRows) {
            if (!advance()) {
                done = true;
                bytesRead = fileBytes;
                break;
            }
            for (int c = 0; c < positions.length; c++) {
                int position = positions[c];
                fillers[c].add(rows, position < fields.size() ? fields.get(position) : null);
            }
            rows++;
        }
        if (rows == 0) {
            return null;
        }
        List<ColumnVector> vectors = new ArrayList<>(fillers.length);
        for (ColumnFiller filler : fillers) {
            vectors.add(filler.build(rows));
        }
        return new ColumnBatch(vectors, rows);
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

    /** Parses one column's text into its type's array; text that does not parse becomes null. Shared with the JSON reader. */
    static final class ColumnFiller
    {
        private final DataType type;
        private final boolean[] nulls;
        private boolean anyNull;
        private int[] ints;
        private long[] longs;
        /** The high words of wide decimals; {@link #longs} holds their low words. */
        private long[] highs;
        private double[] doubles;
        private boolean[] booleans;
        private StringVector.Builder strings;

        ColumnFiller(DataType type, int capacity)
        {
            this.type = type;
            this.nulls = new boolean[capacity];
            switch (type.kind()) {
                case INT, DATE -> ints = new int[capacity];
                case LONG, TIMESTAMP, DECIMAL -> longs = new long[capacity];
                case DOUBLE -> doubles = new double[capacity];
                case BOOLEAN -> booleans = new boolean[capacity];
                case STRING -> strings = new StringVector.Builder(capacity, capacity * 16);
            }
            if (type.isWideDecimal()) {
                highs = new long[capacity];
            }
        }

        void add(int row, String text)
        {
            if (text == null) {
                setNull(row);
                return;
            }
            switch (type.kind()) {
                case STRING -> strings.append(text);
                case INT -> {
                    try {
                        ints[row] = Integer.parseInt(text);
                    }
                    catch (NumberFormatException e) {
                        setNull(row);
                    }
                }
                case LONG -> {
                    try {
                        longs[row] = Long.parseLong(text);
                    }
                    catch (NumberFormatException e) {
                        setNull(row);
                    }
                }
                case DOUBLE -> {
                    Double value = CsvValues.parseDouble(text);
                    if (value == null) {
                        setNull(row);
                    }
                    else {
                        doubles[row] = value;
                    }
                }
                case DECIMAL -> {
                    BigDecimal value = decimal(text);
                    if (value == null) {
                        setNull(row);
                    }
                    else if (highs != null) {
                        Int128.fromBigDecimal(value, type.scale(), highs, longs, row);
                    }
                    else {
                        longs[row] = value.unscaledValue().longValueExact();
                    }
                }
                case BOOLEAN -> {
                    if (text.equalsIgnoreCase("true")) {
                        booleans[row] = true;
                    }
                    else if (!text.equalsIgnoreCase("false")) {
                        setNull(row);
                    }
                }
                case DATE -> {
                    try {
                        ints[row] = Math.toIntExact(LocalDate.parse(text).toEpochDay());
                    }
                    catch (DateTimeParseException | ArithmeticException e) {
                        setNull(row);
                    }
                }
                case TIMESTAMP -> {
                    Long micros = timestampMicros(text);
                    if (micros == null) {
                        setNull(row);
                    }
                    else {
                        longs[row] = micros;
                    }
                }
            }
        }

        private void setNull(int row)
        {
            nulls[row] = true;
            anyNull = true;
            if (strings != null) {
                strings.appendNull();
            }
        }

        /** The text as a decimal at the column's scale, or null where it does not parse or does not fit the precision. */
        private BigDecimal decimal(String text)
        {
            try {
                BigDecimal scaled = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
                if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
                    return null;
                }
                return scaled;
            }
            catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }

        /** {@code 2024-02-29 12:00:00[.ffffff]} or with {@code T}, in UTC unless it names an offset. */
        private static Long timestampMicros(String text)
        {
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            Instant instant;
            try {
                instant = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException e) {
                try {
                    instant = OffsetDateTime.parse(iso).toInstant();
                }
                catch (DateTimeParseException notOffset) {
                    try {
                        instant = LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
                    }
                    catch (DateTimeParseException notDate) {
                        return null;
                    }
                }
            }
            try {
                return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
            }
            catch (ArithmeticException e) {
                return null;
            }
        }

        ColumnVector build(int rows)
        {
            ColumnVector vector = switch (type.kind()) {
                case STRING -> strings.build();
                case INT, DATE -> new IntVector(type, fit(ints, rows), rows);
                case LONG, TIMESTAMP -> new LongVector(type, fit(longs, rows), rows);
                case DECIMAL -> highs != null
                        ? new Decimal128Vector(type, fit(highs, rows), fit(longs, rows), rows)
                        : new LongVector(type, fit(longs, rows), rows);
                case DOUBLE -> new DoubleVector(type, rows == doubles.length ? doubles : Arrays.copyOf(doubles, rows), rows);
                case BOOLEAN -> new BooleanVector(type, rows == booleans.length ? booleans : Arrays.copyOf(booleans, rows), rows);
            };
            if (anyNull && !(vector instanceof StringVector)) {
                vector.setNulls(rows == nulls.length ? nulls : Arrays.copyOf(nulls, rows));
            }
            return vector;
        }

        private static int[] fit(int[] values, int rows)
        {
            return rows == values.length ? values : Arrays.copyOf(values, rows);
        }

        private static long[] fit(long[] values, int rows)
        {
            return rows == values.length ? values : Arrays.copyOf(values, rows);
        }
    }
}
