package io.spindle.runtime.io;

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
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.storage.serde2.io.HiveDecimalWritable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads the stripes of one {@link FileSplit} of an ORC file as {@link ColumnBatch}es: only the requested
 * columns are decoded, by orc-core into its {@link VectorizedRowBatch}, whose arrays are copied into Spindle's
 * vectors in tight loops (no per-row objects). Timestamps without a time zone are read as UTC.
 * Contract as {@link BatchReader}. Not thread-safe.
 */
public final class OrcBatchReader
        implements BatchReader
{
    private final String file;
    private final Reader reader;
    private final RecordReader rows;
    private final VectorizedRowBatch batch;
    private final int[] positions;
    private final DataType[] types;
    private final long splitBytes;
    private long bytesRead;

    public OrcBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows)
    {
        requireNonNull(conf, "conf is null");
        requireNonNull(split, "split is null");
        this.file = split.path();
        this.splitBytes = split.bytes();
        this.positions = columns.stream().mapToInt(Integer::intValue).toArray();
        this.types = columns.stream().map(c -> fileSchema.field(c).type()).toArray(DataType[]::new);
        Path path = new Path(file);
        try {
            this.reader = OrcFile.createReader(path, OrcFile.readerOptions(conf).filesystem(path.getFileSystem(conf)).useUTCTimestamp(true));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open ORC file " + file + ": " + e.getMessage(), e);
        }
        try {
            TypeDescription schema = reader.getSchema();
            if (schema.getChildren().size() != fileSchema.size()) {
                throw new IllegalStateException("ORC file " + file + " has " + schema.getChildren().size() + " columns but " + fileSchema.size()
                        + " were planned; was the file rewritten after the query was planned?");
            }
            boolean[] include = new boolean[schema.getMaximumId() + 1];
            include[0] = true;
            for (int position : positions) {
                TypeDescription column = schema.getChildren().get(position);
                for (int id = column.getId(); id <= column.getMaximumId(); id++) {
                    include[id] = true;
                }
            }
            List<StripeInformation> stripes = reader.getStripes();
            long start = Long.MAX_VALUE;
            long end = 0;
            for (int ordinal : split.rowGroups()) {
                if (ordinal >= stripes.size()) {
                    throw new IllegalStateException("the split of " + file + " names stripe " + ordinal + " but the file has " + stripes.size()
                            + " stripes; was the file rewritten after the query was planned?");
                }
                start = Math.min(start, stripes.get(ordinal).getOffset());
                end = Math.max(end, stripes.get(ordinal).getOffset() + stripes.get(ordinal).getLength());
            }
            Reader.Options options = reader.options().include(include);
            if (!split.rowGroups().isEmpty()) {
                options.range(start, end - start);
            }
            this.rows = reader.rows(options);
            this.batch = schema.createRowBatch(batchRows);
        }
        catch (IOException | RuntimeException e) {
            try {
                reader.close();
            }
            catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read ORC file " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public ColumnBatch next()
    {
        try {
            if (!rows.nextBatch(batch)) {
                bytesRead = splitBytes;
                return null;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read ORC file " + file + ": " + e.getMessage(), e);
        }
        int size = batch.size;
        List<ColumnVector> vectors = new ArrayList<>(positions.length);
        for (int c = 0; c < positions.length; c++) {
            vectors.add(convert(batch.cols[positions[c]], types[c], size));
        }
        return new ColumnBatch(vectors, size);
    }

    private static ColumnVector convert(org.apache.orc.storage.ql.exec.vector.ColumnVector source, DataType type, int size)
    {
        boolean repeating = source.isRepeating;
        boolean[] nulls = null;
        if (!source.noNulls) {
            nulls = new boolean[size];
            boolean any = false;
            for (int i = 0; i < size; i++) {
                nulls[i] = source.isNull[repeating ? 0 : i];
                any |= nulls[i];
            }
            nulls = any ? nulls : null;
        }
        ColumnVector out = switch (type.kind()) {
            case BOOLEAN -> {
                long[] values = ((LongColumnVector) source).vector;
                boolean[] result = new boolean[size];
                for (int i = 0; i < size; i++) {
                    result[i] = values[repeating ? 0 : i] != 0;
                }
                yield new BooleanVector(type, result, size);
            }
            case INT, DATE -> {
                long[] values = ((LongColumnVector) source).vector;
                int[] result = new int[size];
                for (int i = 0; i < size; i++) {
                    result[i] = (int) values[repeating ? 0 : i];
                }
                yield new IntVector(type, result, size);
            }
            case LONG -> {
                long[] values = ((LongColumnVector) source).vector;
                long[] result = new long[size];
                for (int i = 0; i < size; i++) {
                    result[i] = values[repeating ? 0 : i];
                }
                yield new LongVector(type, result, size);
            }
            case DOUBLE -> {
                double[] values = ((DoubleColumnVector) source).vector;
                double[] result = new double[size];
                for (int i = 0; i < size; i++) {
                    result[i] = values[repeating ? 0 : i];
                }
                yield new DoubleVector(type, result, size);
            }
            case DECIMAL -> {
                DecimalColumnVector decimals = (DecimalColumnVector) source;
                if (type.isWideDecimal()) {
                    long[] high = new long[size];
                    long[] low = new long[size];
                    for (int i = 0; i < size; i++) {
                        if (nulls == null || !nulls[i]) {
                            HiveDecimalWritable value = decimals.vector[repeating ? 0 : i];
                            Int128.fromBigDecimal(value.getHiveDecimal().bigDecimalValue(), type.scale(), high, low, i);
                        }
                    }
                    yield new Decimal128Vector(type, high, low, size);
                }
                long[] result = new long[size];
                for (int i = 0; i < size; i++) {
                    int row = repeating ? 0 : i;
                    if (nulls == null || !nulls[i]) {
                        result[i] = decimals.vector[row].serialize64(type.scale());
                    }
                }
                yield new LongVector(type, result, size);
            }
            case TIMESTAMP -> {
                TimestampColumnVector timestamps = (TimestampColumnVector) source;
                long[] result = new long[size];
                for (int i = 0; i < size; i++) {
                    int row = repeating ? 0 : i;
                    result[i] = Math.floorDiv(timestamps.time[row], 1000L) * 1_000_000L + timestamps.nanos[row] / 1000;
                }
                yield new LongVector(type, result, size);
            }
            case STRING -> {
                BytesColumnVector bytes = (BytesColumnVector) source;
                StringVector.Builder builder = new StringVector.Builder(size, size * 16);
                for (int i = 0; i < size; i++) {
                    int row = repeating ? 0 : i;
                    if (nulls != null && nulls[i]) {
                        builder.appendNull();
                    }
                    else {
                        builder.append(bytes.vector[row], bytes.start[row], bytes.length[row]);
                    }
                }
                yield builder.build();
            }
        };
        if (nulls != null && !(out instanceof StringVector)) {
            out.setNulls(nulls);
        }
        return out;
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
        try {
            rows.close();
        }
        finally {
            reader.close();
        }
    }
}
