package io.spindle.benchmarks.tpch;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spark SQL in local mode with two threads, running {@link TpchSql}'s texts (Q1 without its interval precision,
 * which Spark does not parse) over temporary views of the Parquet tables. Eight shuffle partitions suit two
 * cores; adaptive query execution stays on, as by default.
 */
public final class SparkTpch
        implements TpchEngine
{
    static final String MASTER = "local[2]";

    private final SparkSession spark;

    private SparkTpch(Path data)
    {
        this.spark = SparkSession.builder()
                .master(MASTER)
                .appName("spindle-tpch-benchmark")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        for (String table : TpchSql.TABLES) {
            Path directory = data.resolve(table);
            if (Files.isDirectory(directory)) {
                spark.read().parquet(directory.toAbsolutePath().toString()).createOrReplaceTempView(table);
            }
        }
    }

    public static void main(String[] args)
    {
        EngineMain.main("spark", args, SparkTpch::new);
    }

    @Override
    public String description()
    {
        return "Spark " + spark.version() + " " + MASTER + ", spark.sql.shuffle.partitions=8 (" + LibraryVersions.describe() + ")";
    }

    @Override
    public QueryResult run(String query)
    {
        Dataset<Row> frame = spark.sql(TpchSql.withoutIntervalPrecision(TpchSql.query(query)));
        List<Row> rows = frame.collectAsList();
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Object> converted = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                converted.add(value instanceof Date date ? date.toLocalDate() : value);
            }
            values.add(converted);
        }
        return new QueryResult(Arrays.asList(frame.columns()), values);
    }

    @Override
    public void cancel()
    {
        spark.sparkContext().cancelAllJobs();
    }

    @Override
    public void close()
    {
        spark.stop();
    }
}
