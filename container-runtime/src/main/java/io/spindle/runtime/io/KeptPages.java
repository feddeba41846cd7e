package io.spindle.runtime.io;

import io.spindle.runtime.batch.ColumnVector;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;

import java.util.Arrays;

/**
 * The pages of one column chunk that a filtered row-group read returns (those overlapping its row ranges, chosen as
 * parquet-mr chooses them) and the row of the row group that each of their values is. A page decoder reads the kept
 * pages' values back to back; {@link #decode} turns them into exactly the rows a batch asks for, dropping the values of
 * rows outside the ranges, so every column of a batch holds the same rows although the pages of different columns
 * start at different rows. Flat columns only: one value per row. Not thread-safe: it belongs to one reader.
 */
final class KeptPages
{
    /** Values dropped between two asked-for rows are decoded this many at a time. */
    private static final int SKIP_CHUNK = 4096;

    private final long[] firstRows;
    private final long[] lastRows;
    /** For each kept page, the position of its first value among the values of the kept pages. */
    private final long[] firstValues;
    private final int skippedPages;
    private final long compressedBytes;
    /** The kept page of the row looked up last; rows are looked up in increasing order. */
    private int page;
    /** Values taken from the decoder so far. */
    private long consumed;

    private KeptPages(long[] firstRows, long[] lastRows, int skippedPages, long compressedBytes)
    {
        this.firstRows = firstRows;
        this.lastRows = lastRows;
        this.skippedPages = skippedPages;
        this.compressedBytes = compressedBytes;
        this.firstValues = new long[firstRows.length];
        for (int i = 1; i < firstRows.length; i++) {
            firstValues[i] = firstValues[i - 1] + lastRows[i - 1] - firstRows[i - 1] + 1;
        }
    }

    /**
     * @param chunkStart where the column chunk starts in the file; what lies before its first data page (the dictionary
     * page) is always read
     */
    static KeptPages of(OffsetIndex offsets, RowRanges ranges, long rowGroupRows, long chunkStart)
    {
        int count = offsets.getPageCount();
        long[] firstRows = new long[count];
        long[] lastRows = new long[count];
        int kept = 0;
        long bytes = count == 0 ? 0 : Math.max(0, offsets.getOffset(0) - chunkStart);
        for (int page = 0; page < count; page++) {
            long first = offsets.getFirstRowIndex(page);
            long last = offsets.getLastRowIndex(page, rowGroupRows);
            if (ranges.isOverlapping(first, last)) {
                firstRows[kept] = first;
                lastRows[kept] = last;
                bytes += offsets.getCompressedPageSize(page);
                kept++;
            }
        }
        return new KeptPages(Arrays.copyOf(firstRows, kept), Arrays.copyOf(lastRows, kept), count - kept, bytes);
    }

    /** Pages of the chunk that the filtered read leaves out. */
    int skippedPages()
    {
        return skippedPages;
    }

    /** Compressed bytes of the chunk that the filtered read fetches. */
    long compressedBytes()
    {
        return compressedBytes;
    }

    /**
     * The values of exactly the rows {@code rows} asks for, from a decoder of this chunk's kept pages. Successive calls
     * must ask for increasing rows, each of them inside the ranges the pages were kept for.
     */
    ColumnVector decode(ParquetPageDecoder decoder, RowSpans rows)
    {
        long[] starts = new long[rows.spans()];
        for (int s = 0; s < rows.spans(); s++) {
            starts[s] = valueOf(rows.from()[s]);
        }
        long first = starts[0];
        long end = valueOf(rows.to()[rows.spans() - 1]) + 1;
        for (long gap = first - consumed; gap > 0; gap -= SKIP_CHUNK) {
            decoder.decode((int) Math.min(gap, SKIP_CHUNK));
        }
        ColumnVector values = decoder.decode(Math.toIntExact(end - first));
        consumed = end;
        if (end - first == rows.rows()) {
            return values;
        }
        int[] positions = new int[rows.rows()];
        int next = 0;
        for (int s = 0; s < rows.spans(); s++) {
            int start = (int) (starts[s] - first);
            long length = rows.to()[s] - rows.from()[s] + 1;
            for (int i = 0; i < length; i++) {
                positions[next++] = start + i;
            }
        }
        return values.select(positions, next);
    }

    /** The position among the kept pages' values of row {@code row} of the row group. */
    private long valueOf(long row)
    {
        while (page < firstRows.length && row > lastRows[page]) {
            page++;
        }
        if (page == firstRows.length || row < firstRows[page]) {
            throw new IllegalStateException("row " + row + " of the row group lies in no page read for it");
        }
        return firstValues[page] + row - firstRows[page];
    }

    /**
     * Rows of a row group, numbered from its first: spans {@code [from[i], to[i]]}, increasing and apart, {@code rows}
     * rows in all.
     */
    record RowSpans(long[] from, long[] to, int spans, int rows)
    {
    }
}
