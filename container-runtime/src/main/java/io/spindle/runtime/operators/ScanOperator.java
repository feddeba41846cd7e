package io.spindle.runtime.operators;

import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.source.FileSplit;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.io.BatchReader;
import io.spindle.runtime.io.CsvBatchReader;
import io.spindle.runtime.io.JsonBatchReader;
import io.spindle.runtime.io.OrcBatchReader;
import io.spindle.runtime.io.ParquetBatchReader;
import io.spindle.runtime.task.TaskMetrics;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads one split of a file scan into batches with the reader of the source's format, counting rows and bytes
 * read, the row groups and rows the planner's data skipping left out of the split, and the Parquet pages and rows
 * skipped by the page index.
 */
public final class ScanOperator
        implements Operator
{
    private final BatchReader reader;
    private final TaskMetrics metrics;
    private long countedBytes;
    private long countedPagesSkipped;
    private long countedRowsSkipped;

    public ScanOperator(Configuration conf, FileScanExec scan, int partition, TaskMetrics metrics)
    {
        FileSplit split = scan.source().splits().get(partition);
        this.reader = switch (scan.source().format()) {
            case "parquet" -> new ParquetBatchReader(conf, split, scan.source().schema(), scan.columns(), ColumnBatch.DEFAULT_ROWS,
                    scan.pageIndexFilter() ? scan.pushedFilters() : List.of());
            case "orc" -> new OrcBatchReader(conf, split, scan.source().schema(), scan.columns(), ColumnBatch.DEFAULT_ROWS);
            case "csv" -> new CsvBatchReader(conf, split, scan.source().schema(), scan.columns(), scan.source().options(), ColumnBatch.DEFAULT_ROWS);
            case "json" -> new JsonBatchReader(conf, split, scan.source().schema(), scan.columns(), ColumnBatch.DEFAULT_ROWS);
            default -> throw new IllegalArgumentException("no reader for file format '" + scan.source().format() + "' of " + split.path());
        };
        this.metrics = metrics;
        metrics.rowGroupsSkipped += split.skippedRowGroups();
        metrics.rowsSkipped += split.skippedRows();
    }

    @Override
    public ColumnBatch next()
    {
        ColumnBatch batch = reader.next();
        metrics.bytesIn += reader.bytesRead() - countedBytes;
        countedBytes = reader.bytesRead();
        if (batch != null) {
            metrics.rowsIn += batch.rowCount();
        }
        if (reader instanceof ParquetBatchReader parquet) {
            metrics.pagesSkipped += parquet.pagesSkipped() - countedPagesSkipped;
            metrics.rowsSkippedByPageIndex += parquet.rowsSkipped() - countedRowsSkipped;
            countedPagesSkipped = parquet.pagesSkipped();
            countedRowsSkipped = parquet.rowsSkipped();
        }
        return batch;
    }

    @Override
    public void close()
    {
        try {
            reader.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
