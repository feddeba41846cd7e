package io.spindle.client.demo;

import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.RowFormatter;
import io.spindle.sql.SpindleSession;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The demo's driver program, submitted like any user's: runs the named TPC-H queries over the tables under
 * a root path and writes a report (results, per-stage summaries, timings) to a file the client prints.
 * Arguments: {@code <tables root> <report path> <query,query,...> [explain]}; with {@code explain} the report
 * also holds each query's formatted plan.
 */
public final class TpchDemoApp
{
    private TpchDemoApp()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        List<String> flags = List.of(args).subList(Math.min(3, args.length), args.length);
        if (args.length < 3 || !List.of("explain", "sql").containsAll(flags)) {
            throw new IllegalArgumentException("usage: TpchDemoApp <tables root> <report path> <queries, e.g. q1,q6> [explain] [sql]");
        }
        boolean explain = flags.contains("explain");
        boolean sql = flags.contains("sql");
        String root = args[0];
        Path report = new Path(args[1]);
        StringBuilder out = new StringBuilder();
        out.append("# driver started at ").append(System.currentTimeMillis()).append('\n');
        try (SpindleSession session = SpindleSession.builder().appName("spindle-tpch-demo").getOrCreate()) {
            for (String name : args[2].split(",")) {
                TpchQueries.Query query = sql ? TpchQueries.sqlByName(name.trim()) : TpchQueries.byName(name.trim());
                long start = System.nanoTime();
                DataFrame frame = query.build().apply(session, root);
                if (explain) {
                    out.append("== TPC-H ").append(query.name().toUpperCase(Locale.ROOT)).append(" plan ==\n")
                            .append(frame.explainString("formatted")).append('\n');
                }
                List<Row> rows = frame.collect();
                long millis = (System.nanoTime() - start) / 1_000_000;
                out.append("== TPC-H ").append(query.name().toUpperCase(Locale.ROOT)).append(" (").append(rows.size()).append(" rows, ")
                        .append(String.format(Locale.ROOT, "%.2f s", millis / 1000.0)).append(") ==\n");
                out.append(RowFormatter.table(frame.schema(), rows, false));
                out.append(session.lastJobSummary().format()).append('\n');
            }
            FileSystem fs = report.getFileSystem(session.hadoopConfiguration());
            System.out.print(out);
            try (FSDataOutputStream stream = fs.create(report, true)) {
                stream.write(out.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
