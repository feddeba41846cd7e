package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;

import java.util.List;

/** The batches of each input in turn, the first input until it ends, then the next. Owns and closes its inputs. */
public final class UnionOperator
        implements Operator
{
    private final List<Operator> inputs;
    private int current;

    public UnionOperator(List<Operator> inputs)
    {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public ColumnBatch next()
    {
        while (current < inputs.size()) {
            ColumnBatch batch = inputs.get(current).next();
            if (batch != null) {
                return batch;
            }
            current++;
        }
        return null;
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (Operator input : inputs) {
            try {
                input.close();
            }
            catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
                else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
