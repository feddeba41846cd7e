package io.spindle.runtime.operators.window;

import io.spindle.runtime.batch.ColumnVector;

/**
 * Where each row's window partition and peer group (rows equal on the order keys) start and end, for a run of
 * rows sorted by partition and order keys. Ends are exclusive.
 */
final class WindowPartitions
{
    private final int rows;
    private final int[] partitionStart;
    private final int[] partitionEnd;
    private final int[] peerStart;
    private final int[] peerEnd;

    private WindowPartitions(int rows, int[] partitionStart, int[] partitionEnd, int[] peerStart, int[] peerEnd)
    {
        this.rows = rows;
        this.partitionStart = partitionStart;
        this.partitionEnd = partitionEnd;
        this.peerStart = peerStart;
        this.peerEnd = peerEnd;
    }

    static WindowPartitions of(ColumnVector[] partitionKeys, ColumnVector[] orderKeys, int rows)
    {
        int[] partitionStart = new int[rows];
        int[] partitionEnd = new int[rows];
        int[] peerStart = new int[rows];
        int[] peerEnd = new int[rows];
        for (int i = 0; i < rows; i++) {
            boolean newPartition = i == 0 || !RowComparison.sameRow(partitionKeys, i, partitionKeys, i - 1);
            boolean newPeers = newPartition || !RowComparison.sameRow(orderKeys, i, orderKeys, i - 1);
            partitionStart[i] = newPartition ? i : partitionStart[i - 1];
            peerStart[i] = newPeers ? i : peerStart[i - 1];
        }
        for (int i = rows - 1; i >= 0; i--) {
            boolean lastOfPartition = i == rows - 1 || partitionStart[i + 1] == i + 1;
            boolean lastOfPeers = i == rows - 1 || peerStart[i + 1] == i + 1;
            partitionEnd[i] = lastOfPartition ? i + 1 : partitionEnd[i + 1];
            peerEnd[i] = lastOfPeers ? i + 1 : peerEnd[i + 1];
        }
        return new WindowPartitions(rows, partitionStart, partitionEnd, peerStart, peerEnd);
    }

    int rows()
    {
        return rows;
    }

    int partitionStart(int row)
    {
        return partitionStart[row];
    }

    int partitionEnd(int row)
    {
        return partitionEnd[row];
    }

    int peerStart(int row)
    {
        return peerStart[row];
    }

    int peerEnd(int row)
    {
        return peerEnd[row];
    }
}
