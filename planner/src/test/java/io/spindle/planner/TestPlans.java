package io.spindle.planner;

import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;

/** Small plans for planner tests: a table whose splits exist only on paper. */
public final class TestPlans
{
    public static final Schema ORDERS = Schema.of(
            new StructField("o_orderkey", DataType.LONG, false),
            new StructField("o_status", DataType.STRING, true),
            new StructField("o_price", DataType.DOUBLE, true),
            new StructField("o_amount", DataType.decimal(15, 2), true),
            new StructField("o_date", DataType.DATE, true));

    private TestPlans()
    {
    }

    public static FileRelation orders(int splits)
    {
        List<FileSplit> fileSplits = new ArrayList<>();
        for (int i = 0; i < splits; i++) {
            fileSplits.add(new FileSplit("/data/orders/part-" + i + ".parquet", List.of(0), 1000, 100, List.of("host" + i)));
        }
        return FileRelation.allColumns(new FileSource("parquet", List.of("/data/orders"), ORDERS, fileSplits, 1000L * splits, 100L * splits));
    }
}
