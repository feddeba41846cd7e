package io.spindle.sql.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** How one job ran, stage by stage, printable as a table for users asking why a job is slow. */
public record JobSummary(int jobId, String description, List<StageSummary> stages, long millis)
{
    /** How much longer than the median the slowest task must run before a stage is called skewed. */
    private static final long SKEW_MILLIS = 1000;
    /** Task time below which garbage collection is not worth a word. */
    private static final long GC_MIN_MILLIS = 2000;

    public JobSummary
    {
        requireNonNull(description, "description is null");
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
    }

    public String format()
    {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Job %d (%s): %d stages in %s%n", jobId, description, stages.size(), seconds(millis)));
        out.append(String.format(Locale.ROOT, "%-5s %-6s %-7s %12s %12s %10s %10s %10s %10s %10s %10s %8s %8s  %s%n",
                "stage", "tasks", "failed", "rows in", "rows out", "bytes in", "bytes out", "shuf write", "shuf read", "spill",
                "peak mem", "gc", "time", "operators"));
        for (StageSummary s : stages) {
            out.append(String.format(Locale.ROOT, "%-5d %-6d %-7d %12d %12d %10s %10s %10s %10s %10s %10s %8s %8s  %s%n",
                    s.stageId(), s.tasks(), s.failedAttempts(), s.rowsIn(), s.rowsOut(), bytes(s.bytesIn()), bytes(s.bytesOut()),
                    bytes(s.shuffleBytesWritten()), bytes(s.shuffleBytesRead()), bytes(s.spillBytes()), bytes(s.peakTaskMemory()),
                    seconds(s.gcMillis()), seconds(s.millis()), s.name()));
        }
        // a note under the table rather than two more columns in it, since most stages scan nothing
        for (StageSummary s : stages) {
            if (s.rowGroupsSkipped() > 0) {
                out.append(String.format(Locale.ROOT, "stage %d skipped %d row groups (%d rows) by their statistics%n", s.stageId(),
                        s.rowGroupsSkipped(), s.rowsSkipped()));
            }
            if (s.pagesSkipped() > 0) {
                out.append(String.format(Locale.ROOT, "stage %d skipped %d pages (%d rows) by the page index%n", s.stageId(),
                        s.pagesSkipped(), s.rowsSkippedByPages()));
            }
        }
        for (String hint : hints()) {
            out.append("why: ").append(hint).append(String.format(Locale.ROOT, "%n"));
        }
        return out.toString();
    }

    /** What the figures say about where the time went and what to change, stage by stage; empty when nothing stands out. */
    public List<String> hints()
    {
        List<String> hints = new ArrayList<>();
        for (StageSummary s : stages) {
            StageSummary.TaskSpread spread = s.spread();
            if (s.tasks() >= 4 && spread.maxMillis() >= 3 * Math.max(1, spread.medianMillis()) && spread.maxMillis() - spread.medianMillis() >= SKEW_MILLIS) {
                String rows = spread.maxRowsIn() >= 3 * Math.max(1, spread.medianRowsIn())
                        ? String.format(Locale.ROOT, " and read %d rows against a median of %d: a few keys hold most rows; salt or filter them,"
                                + " or broadcast the other side of the join", spread.maxRowsIn(), spread.medianRowsIn())
                        : "; its rows are not unusual, so look at that executor (GC, a slow disk or node)";
                hints.add(String.format(Locale.ROOT, "stage %d is skewed: its slowest task (partition %d) took %s, %.0fx the median %s,%s",
                        s.stageId(), spread.slowestPartition(), seconds(spread.maxMillis()), (double) spread.maxMillis() / Math.max(1, spread.medianMillis()),
                        seconds(spread.medianMillis()), rows));
            }
            if (s.spillBytes() > 0) {
                hints.add(String.format(Locale.ROOT, "stage %d spilled %s to disk: give executors more memory (spindle.executor.memory,"
                        + " spindle.memory.fraction) or the stage more tasks (spindle.sql.shuffle.partitions)", s.stageId(), bytes(s.spillBytes())));
            }
            if (spread.totalMillis() >= GC_MIN_MILLIS && s.gcMillis() * 5 > spread.totalMillis()) {
                hints.add(String.format(Locale.ROOT, "stage %d spent %.0f%% of its task time in garbage collection: executors are short of heap;"
                        + " raise spindle.executor.memory or run fewer tasks per executor", s.stageId(), 100.0 * s.gcMillis() / spread.totalMillis()));
            }
            if (s.failedAttempts() > 0) {
                hints.add(String.format(Locale.ROOT, "stage %d ran %d failed task attempts again; the driver's log names their errors",
                        s.stageId(), s.failedAttempts()));
            }
        }
        return hints;
    }

    static String bytes(long n)
    {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    static String seconds(long millis)
    {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
