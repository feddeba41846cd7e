package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.memory.SpillFile;

/** Reads back the batches of a spill file. Does not own the file: closing the operator only closes its reader. */
final class SpillReadOperator
        implements Operator
{
    private final SpillFile file;
    private SpillFile.Reader reader;

    SpillReadOperator(SpillFile file)
    {
        this.file = file;
    }

    @Override
    public ColumnBatch next()
    {
        if (reader == null) {
            reader = file.openReader();
        }
        ColumnBatch batch;
        do {
            batch = reader.next();
        }
        while (batch != null && batch.rowCount() == 0);
        return batch;
    }

    @Override
    public void close()
    {
        if (reader != null) {
            reader.close();
        }
    }
}
