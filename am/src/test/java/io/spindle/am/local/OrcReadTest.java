package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.storage.common.type.HiveDecimal;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.spindle.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code session.read().orc(path)} in local mode, on files that orc-core's writer wrote, against the values written. */
class OrcReadTest
{
    private static final int ROWS = 60_000;
    private static final Instant BASE = Instant.parse("2024-02-29T12:00:00Z");

    @TempDir
    static java.nio.file.Path dir;

    private static LocalQueryFixture fixture;
    private static String path;

    @BeforeAll
    static void setUp()
            throws IOException
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
        path = dir.resolve("t.orc").toString();
        TypeDescription schema = TypeDescription.fromString(
                "struct<b:boolean,sh:smallint,i:int,l:bigint,f:float,d:double,dec:decimal(10,2),dt:date,ts:timestamp,s:string>");
        try (Writer writer = OrcFile.createWriter(new Path(path), OrcFile.writerOptions(new Configuration())
                .setSchema(schema).stripeSize(64 * 1024).bufferSize(8 * 1024).rowIndexStride(1000).useUTCTimestamp(true))) {
            VectorizedRowBatch batch = schema.createRowBatch(1000);
            for (int r = 0; r < ROWS; r++) {
                int row = batch.size++;
                Row values = expected(r);
                for (int c = 0; c < values.size(); c++) {
                    set(batch.cols[c], row, values.get(c));
                }
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
            if (batch.size > 0) {
                writer.addRowBatch(batch);
            }
        }
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    /** Row {@code r} as written, in Spindle's Java forms; about one value in seven is null. */
    private static Row expected(int r)
    {
        return new Row(
                r % 7 == 1 ? null : r % 3 == 0,
                r % 7 == 2 ? null : (int) (short) (r * 13),
                r % 7 == 3 ? null : r - 30_000,
                r % 7 == 4 ? null : r * 1_000_003L,
                r % 7 == 5 ? null : (double) (float) (r / 8.0),
                r % 7 == 6 ? null : r / 3.0,
                r % 11 == 0 ? null : BigDecimal.valueOf(r * 37L - 500_000, 2),
                r % 13 == 0 ? null : LocalDate.ofEpochDay(r - 20_000),
                r % 17 == 0 ? null : BASE.plusNanos(r * 1_234_567_000L),
                r % 5 == 0 ? null : r % 5 == 1 ? "" : "v" + r + (r % 2 == 0 ? "東" : ""));
    }

    private static Row row(Row full, int... columns)
    {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = full.get(columns[i]);
        }
        return new Row(values);
    }

    private static void set(ColumnVector vector, int row, Object value)
    {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[row] = true;
            return;
        }
        vector.isNull[row] = false;
        if (value instanceof Boolean b) {
            ((LongColumnVector) vector).vector[row] = b ? 1 : 0;
        }
        else if (value instanceof Integer i) {
            ((LongColumnVector) vector).vector[row] = i;
        }
        else if (value instanceof Long l) {
            ((LongColumnVector) vector).vector[row] = l;
        }
        else if (value instanceof Double d) {
            ((DoubleColumnVector) vector).vector[row] = d;
        }
        else if (value instanceof BigDecimal d) {
            ((DecimalColumnVector) vector).vector[row].setFromLongAndScale(d.unscaledValue().longValueExact(), d.scale());
        }
        else if (value instanceof LocalDate d) {
            ((LongColumnVector) vector).vector[row] = d.toEpochDay();
        }
        else if (value instanceof Instant t) {
            ((TimestampColumnVector) vector).set(row, Timestamp.from(t));
        }
        else {
            ((BytesColumnVector) vector).setVal(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Decimals of more than 18 digits, both signs, beyond 64 bits and null, read exactly as decimal(38,10) and decimal(25,2). */
    @Test
    void readsDecimalsWiderThanEighteenDigits()
            throws IOException
    {
        String wide = dir.resolve("wide.orc").toString();
        TypeDescription schema = TypeDescription.fromString("struct<id:int,big:decimal(38,10),k:decimal(25,2)>");
        List<Row> expected = new ArrayList<>();
        try (Writer writer = OrcFile.createWriter(new Path(wide), OrcFile.writerOptions(new Configuration()).setSchema(schema))) {
            VectorizedRowBatch batch = schema.createRowBatch(1000);
            for (int r = 0; r < 3000; r++) {
                int row = batch.size++;
                BigDecimal big = r % 7 == 0 ? null
                        : new BigDecimal(java.math.BigInteger.valueOf(r - 1500).multiply(new java.math.BigInteger("1234567890123456789012345")), 10);
                BigDecimal k = r % 5 == 0 ? null : new BigDecimal((r % 3 - 1) + "000000000000000000000.25");
                ((LongColumnVector) batch.cols[0]).vector[row] = r;
                for (int c = 1; c <= 2; c++) {
                    BigDecimal value = c == 1 ? big : k;
                    if (value == null) {
                        batch.cols[c].noNulls = false;
                        batch.cols[c].isNull[row] = true;
                    }
                    else {
                        ((DecimalColumnVector) batch.cols[c]).vector[row].set(HiveDecimal.create(value));
                    }
                }
                expected.add(new Row(r, big, k));
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
        }
        DataFrame frame = fixture.session().read().orc(wide);

        assertEquals("decimal(38,10)", frame.schema().field(1).type().sqlName());
        assertEquals("decimal(25,2)", frame.schema().field(2).type().sqlName());
        DuckDbOracle.assertSameRows(expected, frame.orderBy("id").collect());
    }

    @Test
    void mapsTheSchema()
    {
        DataFrame frame = fixture.session().read().orc(path);

        assertEquals(Schema.of(
                new StructField("b", DataType.BOOLEAN, true),
                new StructField("sh", DataType.INT, true),
                new StructField("i", DataType.INT, true),
                new StructField("l", DataType.LONG, true),
                new StructField("f", DataType.DOUBLE, true),
                new StructField("d", DataType.DOUBLE, true),
                new StructField("dec", DataType.decimal(10, 2), true),
                new StructField("dt", DataType.DATE, true),
                new StructField("ts", DataType.TIMESTAMP, true),
                new StructField("s", DataType.STRING, true)), frame.schema());
        assertArrayEquals(new String[] {"b", "sh", "i", "l", "f", "d", "dec", "dt", "ts", "s"}, frame.columns());
        frame.printSchema();
    }

    @Test
    void readsEveryValueWithATaskPerStripe()
    {
        List<Row> expected = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            expected.add(expected(r));
        }
        DuckDbOracle.assertSameRowsUnordered(expected, fixture.session().read().orc(path).collect());
        int tasks = fixture.session().lastJobSummary().stages().get(0).tasks();
        assertTrue(tasks > 1, "the file should have several stripes, each read by a task, not " + tasks);
    }

    @Test
    void readsOnlyTheProjectedColumns()
    {
        List<Row> expected = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Row full = expected(r);
            if (full.get(2) != null && (int) full.get(2) >= 25_000) {
                expected.add(row(full, 9, 3, 2));
            }
        }
        DuckDbOracle.assertSameRowsUnordered(expected, fixture.session().read().orc(path).filter(col("i").geq(25_000)).select("s", "l", "i").collect());
        assertEquals(ROWS, fixture.session().read().orc(path).count());
    }
}
