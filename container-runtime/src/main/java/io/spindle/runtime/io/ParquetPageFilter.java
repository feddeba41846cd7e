package io.spindle.runtime.io;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.source.ColumnStatistics;
import io.spindle.planner.source.ParquetStatistics;
import io.spindle.planner.source.RowGroupFilter;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Page skipping: the rows of a Parquet row group that its page index does not rule out for a scan's pushed filters.
 * Each filter that {@link RowGroupFilter} can test against statistics is tested against the min/max/null counts of
 * every page of its column's column index, as the footer's statistics are tested for whole row groups; the pages it
 * keeps become row ranges through the column's offset index, and the ranges of all filters are intersected. A filter
 * whose column has no column index or offset index keeps every row. Not thread-safe: it belongs to one reader.
 */
final class ParquetPageFilter
{
    private final String file;
    private final ParquetFileReader reader;
    private final Schema fileSchema;
    private final List<Expression> filters;

    /**
     * @param filters the scan's pushed filters, columns by position in {@code fileSchema}; those the statistics cannot
     * rule out are ignored
     */
    ParquetPageFilter(String file, ParquetFileReader reader, Schema fileSchema, List<Expression> filters)
    {
        this.file = file;
        this.reader = reader;
        this.fileSchema = fileSchema;
        this.filters = filters.stream().filter(filter -> RowGroupFilter.filteredColumn(filter).isPresent()).toList();
    }

    /** Whether any filter can skip pages at all. */
    boolean isEmpty()
    {
        return filters.isEmpty();
    }

    /** The rows of the row group, numbered from its first row, that may hold a row passing every filter. */
    RowRanges rowRanges(int ordinal, BlockMetaData rowGroup)
    {
        long rows = rowGroup.getRowCount();
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
            chunks.put(chunk.getPath(), chunk);
        }
        Map<Integer, PageIndex> indexes = new HashMap<>();
        RowRanges kept = RowRanges.createSingle(rows);
        for (Expression filter : filters) {
            int position = RowGroupFilter.filteredColumn(filter).orElseThrow();
            PageIndex index = indexes.computeIfAbsent(position, p -> read(ordinal, chunks.get(ColumnPath.get(fileSchema.field(p).name()))));
            if (index == null) {
                continue;
            }
            StructField field = fileSchema.field(position);
            OffsetIndex offsets = index.offsets();
            int[] pages = IntStream.range(0, offsets.getPageCount())
                    .filter(page -> {
                        long pageRows = offsets.getLastRowIndex(page, rows) - offsets.getFirstRowIndex(page) + 1;
                        ColumnStatistics statistics = ParquetStatistics.page(field, index.chunk().getPrimitiveType(), index.columns(), page, pageRows);
                        return RowGroupFilter.mayMatch(filter, statistics, pageRows);
                    })
                    .toArray();
            kept = RowRanges.intersection(kept, RowRanges.create(rows, IntStream.of(pages).iterator(), offsets));
        }
        return kept;
    }

    /** The chunk's column index and offset index, or null when it lacks either or is not a flat column of the file. */
    private PageIndex read(int ordinal, ColumnChunkMetaData chunk)
    {
        if (chunk == null || chunk.getColumnIndexReference() == null || chunk.getOffsetIndexReference() == null) {
            return null;
        }
        try {
            ColumnIndex columns = reader.readColumnIndex(chunk);
            OffsetIndex offsets = reader.readOffsetIndex(chunk);
            if (columns == null || offsets == null || columns.getNullPages().size() != offsets.getPageCount()) {
                return null;
            }
            return new PageIndex(chunk, columns, offsets);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the page index of column '" + chunk.getPath().toDotString() + "' in row group "
                    + ordinal + " of Parquet file " + file + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the page index of column '" + chunk.getPath().toDotString() + "' in row group "
                    + ordinal + " of Parquet file " + file + "; the file may be corrupt, or set spindle.sql.parquet.pageIndexFilter.enabled=false: "
                    + e.getMessage(), e);
        }
    }

    private record PageIndex(ColumnChunkMetaData chunk, ColumnIndex columns, OffsetIndex offsets)
    {
    }
}
