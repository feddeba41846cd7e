package io.spindle.sql.execution;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** How one job ran, stage by stage, printable as a table for users asking why a job is slow. */
public record JobSummary(int jobId, String description, List<StageSummary> stages, long millis)
{
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
        return out.toString();
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
