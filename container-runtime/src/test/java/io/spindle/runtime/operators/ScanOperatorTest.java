package io.spindle.runtime.operators;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.task.TaskMetrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan counts the rows and bytes it reads, and the Parquet pages and rows its pushed filters skip by the page index. */
class ScanOperatorTest
{
    private static final int ROWS = 10_000;

    @TempDir
    static java.nio.file.Path dir;

    private static Configuration conf;
    private static FileSource source;

    @BeforeAll
    static void writeSortedFile()
            throws IOException
    {
        conf = new Configuration();
        String file = dir.resolve("sorted.parquet").toString();
        MessageType schema = new MessageType("sorted", Types.required(PrimitiveTypeName.INT64).named("id"),
                Types.optional(PrimitiveTypeName.INT32).named("k"));
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file)).withConf(conf).withType(schema)
                .withPageRowCountLimit(250).build()) {
            for (long id = 0; id < ROWS; id++) {
                writer.write(groups.newGroup().append("id", id).append("k", (int) (id % 10)));
            }
        }
        source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
    }

    private static TaskMetrics scan(boolean pageIndexFilter)
    {
        Expression idBelow600 = new Comparison(Comparison.Operator.LESS_THAN, new ColumnRef(0, "id", DataType.LONG, false), Literal.of(600L));
        FileScanExec scan = new FileScanExec(source, List.of(0, 1), List.of(idBelow600), 1, pageIndexFilter);
        TaskMetrics metrics = new TaskMetrics();
        ScanOperator operator = new ScanOperator(conf, scan, 0, metrics);
        try {
            long rows = 0;
            for (ColumnBatch batch = operator.next(); batch != null; batch = operator.next()) {
                rows += batch.rowCount();
            }
            assertEquals(rows, metrics.rowsIn);
        }
        finally {
            operator.close();
        }
        return metrics;
    }

    @Test
    void pagesAndRowsSkippedByThePageIndexAreCounted()
    {
        TaskMetrics skipping = scan(true);
        assertEquals(750, skipping.rowsIn, "three pages of 250 rows hold ids below 600");
        assertEquals(ROWS - 750, skipping.rowsSkippedByPageIndex);
        assertTrue(skipping.pagesSkipped >= 2 * (ROWS / 250 - 3), "pages skipped " + skipping.pagesSkipped);

        TaskMetrics whole = scan(false);
        assertEquals(ROWS, whole.rowsIn);
        assertEquals(0, whole.pagesSkipped);
        assertEquals(0, whole.rowsSkippedByPageIndex);
        assertTrue(skipping.bytesIn < whole.bytesIn / 4, "bytes read " + skipping.bytesIn + " of " + whole.bytesIn);
    }
}
