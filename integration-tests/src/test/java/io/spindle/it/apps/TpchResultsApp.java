package io.spindle.it.apps;

import io.spindle.client.demo.TpchQueries;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import io.spindle.sql.execution.StageSummary;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;

/**
 * A test driver program: runs TPC-H queries and writes, per query, its rows ({@code <out>/<q>.rows}, one
 * line a row, tab-separated) and its stage summary ({@code <out>/<q>.stages}) to the cluster's file system.
 * Arguments: {@code <tables root> <output dir> <q1,q6,...> [sql]}; with {@code sql} the queries are the standard
 * SQL texts (q1 to q22) run through {@code session.sql}.
 */
public final class TpchResultsApp
{
    /** Not TPC-H: lineitem grouped by its three keys, about one group a row, to make a final aggregation spill. */
    public static final String WIDE_GROUP_BY = "wide-group-by";
    /** Not TPC-H: orders cached and counted, then aggregated from the cache (the rows and stages written are the second query's). */
    public static final String CACHED_ORDERS = "cached-orders";

    private TpchResultsApp()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        try (SpindleSession session = SpindleSession.builder().appName("tpch-results").getOrCreate()) {
            FileSystem fs = new Path(args[1]).getFileSystem(session.hadoopConfiguration());
            for (String name : args[2].split(",")) {
                DataFrame frame;
                if (name.equals(WIDE_GROUP_BY)) {
                    frame = session.read().parquet(args[0] + "/lineitem").groupBy("l_orderkey", "l_partkey", "l_suppkey")
                            .agg(count("*"), max("l_comment"), min("l_shipdate"));
                }
                else if (name.equals(CACHED_ORDERS)) {
                    DataFrame orders = session.read().parquet(args[0] + "/orders").select("o_orderkey", "o_orderstatus", "o_orderdate").cache();
                    orders.count();
                    frame = orders.groupBy("o_orderstatus").agg(count("*"), max("o_orderdate"), min("o_orderkey"));
                }
                else if (args.length > 3 && args[3].equals("sql")) {
                    frame = TpchQueries.sqlByName(name).build().apply(session, args[0]);
                }
                else {
                    frame = TpchQueries.byName(name).build().apply(session, args[0]);
                }
                StringBuilder rows = new StringBuilder();
                for (Row row : frame.collect()) {
                    rows.append(format(row)).append('\n');
                }
                write(fs, new Path(args[1], name + ".rows"), rows.toString());
                StringBuilder stages = new StringBuilder();
                for (StageSummary s : session.lastJobSummary().stages()) {
                    stages.append(s.stageId()).append('\t').append(s.tasks()).append('\t').append(s.rowsIn()).append('\t').append(s.rowsOut())
                            .append('\t').append(s.shuffleBytesWritten()).append('\t').append(s.shuffleBytesRead())
                            .append('\t').append(s.remoteBlocksFetched()).append('\t').append(String.join(",", s.executors())).append('\t').append(s.spillBytes()).append('\t').append(s.name()).append('\n');
                }
                write(fs, new Path(args[1], name + ".stages"), stages.toString());
            }
        }
    }

    static String format(Row row)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (i > 0) {
                line.append('\t');
            }
            line.append(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
        }
        return line.toString();
    }

    private static void write(FileSystem fs, Path path, String text)
            throws Exception
    {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
