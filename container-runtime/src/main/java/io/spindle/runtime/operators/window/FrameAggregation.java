package io.spindle.runtime.operators.window;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.decimal.Int128;
import io.spindle.runtime.expr.RowPicker;

/**
 * Computes an aggregate over each row's frame. A frame that starts at its partition's start only grows row by
 * row, so the aggregate is extended forwards; one that ends at its partition's end is extended backwards;
 * a frame bounded on both sides is aggregated afresh for each row (its cost is the frame's size).
 */
final class FrameAggregation
{
    private FrameAggregation()
    {
    }

    static ColumnVector compute(AggregateCall call, WindowFrame frame, ColumnVector input, WindowPartitions partitions)
    {
        int rows = partitions.rows();
        FrameAccumulator accumulator = accumulator(call, input, rows);
        int partitionStart = 0;
        while (partitionStart < rows) {
            int partitionEnd = partitions.partitionEnd(partitionStart);
            if (frame.unboundedStart()) {
                int added = partitionStart;
                accumulator.reset();
                for (int i = partitionStart; i < partitionEnd; i++) {
                    int last = frameLast(frame, partitions, i, partitionEnd);
                    for (; added <= last; added++) {
                        accumulator.add(added);
                    }
                    accumulator.write(i);
                }
            }
            else if (frame.unboundedEnd()) {
                int added = partitionEnd - 1;
                accumulator.reset();
                for (int i = partitionEnd - 1; i >= partitionStart; i--) {
                    int first = frameFirst(frame, partitions, i, partitionStart);
                    for (; added >= first; added--) {
                        accumulator.add(added);
                    }
                    accumulator.write(i);
                }
            }
            else {
                for (int i = partitionStart; i < partitionEnd; i++) {
                    accumulator.reset();
                    int last = frameLast(frame, partitions, i, partitionEnd);
                    for (int row = frameFirst(frame, partitions, i, partitionStart); row <= last; row++) {
                        accumulator.add(row);
                    }
                    accumulator.write(i);
                }
            }
            partitionStart = partitionEnd;
        }
        return accumulator.result();
    }

    /** The first row of row {@code i}'s frame, clamped to its partition. */
    private static int frameFirst(WindowFrame frame, WindowPartitions partitions, int i, int partitionStart)
    {
        if (frame.unboundedStart()) {
            return partitionStart;
        }
        if (frame.type() == WindowFrame.Type.RANGE) {
            // the analyzer admits only CURRENT ROW here: the row's first peer
            return partitions.peerStart(i);
        }
        return (int) Math.max(partitionStart, (long) i + frame.start());
    }

    /** The last row of row {@code i}'s frame, clamped to its partition; before the first when the frame is empty. */
    private static int frameLast(WindowFrame frame, WindowPartitions partitions, int i, int partitionEnd)
    {
        if (frame.unboundedEnd()) {
            return partitionEnd - 1;
        }
        if (frame.type() == WindowFrame.Type.RANGE) {
            return partitions.peerEnd(i) - 1;
        }
        return (int) Math.min(partitionEnd - 1, (long) i + frame.end());
    }

    private static FrameAccumulator accumulator(AggregateCall call, ColumnVector input, int rows)
    {
        DataType resultType = call.type();
        return switch (call.function()) {
            case COUNT_STAR -> new Count(null, rows);
            case COUNT -> new Count(input, rows);
            case SUM -> switch (call.argumentType().kind()) {
                case DOUBLE -> new DoubleSum(input, rows, false);
                case DECIMAL -> resultType.isWideDecimal() ? new DecimalSum(input, resultType, rows) : new LongSum(input, resultType, rows, true);
                default -> new LongSum(input, resultType, rows, false);
            };
            case AVG -> new DoubleSum(input, rows, true);
            case MIN -> new Extreme(input, rows, -1);
            case MAX -> new Extreme(input, rows, 1);
            case FIRST, COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> throw new IllegalArgumentException(call.function().sqlName() + " over a window is not supported");
        };
    }

    /** Accumulates the rows of a frame; {@link #write} records the current value as row {@code i}'s result. */
    private abstract static class FrameAccumulator
    {
        abstract void reset();

        abstract void add(int row);

        abstract void write(int row);

        abstract ColumnVector result();
    }

    private static final class Count
            extends FrameAccumulator
    {
        private final ColumnVector input;
        private final long[] out;
        private long count;

        Count(ColumnVector input, int rows)
        {
            this.input = input;
            this.out = new long[rows];
        }

        @Override
        void reset()
        {
            count = 0;
        }

        @Override
        void add(int row)
        {
            if (input == null || !input.isNull(row)) {
                count++;
            }
        }

        @Override
        void write(int row)
        {
            out[row] = count;
        }

        @Override
        ColumnVector result()
        {
            return new LongVector(DataType.LONG, out, out.length);
        }
    }

    /** Sums integers, and decimals whose sum type has at most 18 digits (unscaled), in 64 bits; decimals fail on overflow. */
    private static final class LongSum
            extends FrameAccumulator
    {
        private final ColumnVector input;
        private final DataType type;
        private final boolean exact;
        private final long[] out;
        private final boolean[] nulls;
        private long sum;
        private boolean any;

        LongSum(ColumnVector input, DataType type, int rows, boolean exact)
        {
            this.input = input;
            this.type = type;
            this.exact = exact;
            this.out = new long[rows];
            this.nulls = new boolean[rows];
        }

        @Override
        void reset()
        {
            sum = 0;
            any = false;
        }

        @Override
        void add(int row)
        {
            if (input.isNull(row)) {
                return;
            }
            long value = input instanceof IntVector ints ? ints.get(row) : ((LongVector) input).get(row);
            if (exact) {
                try {
                    sum = Math.addExact(sum, value);
                }
                catch (ArithmeticException e) {
                    throw new ArithmeticException("sum over a window overflowed " + type.sqlName());
                }
            }
            else {
                sum += value;
            }
            any = true;
        }

        @Override
        void write(int row)
        {
            out[row] = sum;
            nulls[row] = !any;
        }

        @Override
        ColumnVector result()
        {
            LongVector vector = new LongVector(type, out, out.length);
            vector.setNulls(anyTrue(nulls) ? nulls : null);
            return vector;
        }
    }

    /** Sums decimals of either width into a wide result type in 128 bits; fails when the sum outgrows that type. */
    private static final class DecimalSum
            extends FrameAccumulator
    {
        private final ColumnVector input;
        private final DataType type;
        private final long[] outHigh;
        private final long[] outLow;
        private final boolean[] nulls;
        /** The running sum as one 128-bit value: high word, then low word. */
        private final long[] sumHigh = new long[1];
        private final long[] sumLow = new long[1];
        private boolean any;

        DecimalSum(ColumnVector input, DataType type, int rows)
        {
            this.input = input;
            this.type = type;
            this.outHigh = new long[rows];
            this.outLow = new long[rows];
            this.nulls = new boolean[rows];
        }

        @Override
        void reset()
        {
            sumHigh[0] = 0;
            sumLow[0] = 0;
            any = false;
        }

        @Override
        void add(int row)
        {
            if (input.isNull(row)) {
                return;
            }
            try {
                Int128.add(sumHigh[0], sumLow[0], Decimal128Vector.unscaledHigh(input, row), Decimal128Vector.unscaledLow(input, row),
                        sumHigh, sumLow, 0);
            }
            catch (ArithmeticException e) {
                throw overflow();
            }
            any = true;
        }

        @Override
        void write(int row)
        {
            if (!Int128.fitsPrecision(sumHigh[0], sumLow[0], type.precision())) {
                throw overflow();
            }
            outHigh[row] = sumHigh[0];
            outLow[row] = sumLow[0];
            nulls[row] = !any;
        }

        private ArithmeticException overflow()
        {
            return new ArithmeticException("sum over a window overflowed its type " + type.sqlName()
                    + " (at most " + DataType.MAX_DECIMAL_PRECISION + " digits); cast the argument to double to sum it");
        }

        @Override
        ColumnVector result()
        {
            Decimal128Vector vector = new Decimal128Vector(type, outHigh, outLow, outHigh.length);
            vector.setNulls(anyTrue(nulls) ? nulls : null);
            return vector;
        }
    }

    /** Sums as doubles: sum of doubles, or the average of any numeric input but decimals. */
    private static final class DoubleSum
            extends FrameAccumulator
    {
        private final ColumnVector input;
        private final boolean average;
        private final double[] out;
        private final boolean[] nulls;
        private double sum;
        private long count;

        DoubleSum(ColumnVector input, int rows, boolean average)
        {
            this.input = input;
            this.average = average;
            this.out = new double[rows];
            this.nulls = new boolean[rows];
        }

        @Override
        void reset()
        {
            sum = 0;
            count = 0;
        }

        @Override
        void add(int row)
        {
            if (input.isNull(row)) {
                return;
            }
            if (input instanceof DoubleVector doubles) {
                sum += doubles.get(row);
            }
            else if (input instanceof IntVector ints) {
                sum += ints.get(row);
            }
            else {
                sum += ((LongVector) input).get(row);
            }
            count++;
        }

        @Override
        void write(int row)
        {
            out[row] = average && count > 0 ? sum / count : sum;
            nulls[row] = count == 0;
        }

        @Override
        ColumnVector result()
        {
            DoubleVector vector = new DoubleVector(DataType.DOUBLE, out, out.length);
            vector.setNulls(anyTrue(nulls) ? nulls : null);
            return vector;
        }
    }

    /** min or max of any comparable type: remembers the row holding the extreme and copies its value at the end. */
    private static final class Extreme
            extends FrameAccumulator
    {
        private final ColumnVector input;
        private final int sign;
        private final int[] positions;
        private final int[] choice;
        private int best;

        Extreme(ColumnVector input, int rows, int sign)
        {
            this.input = input;
            this.sign = sign;
            this.positions = new int[rows];
            this.choice = new int[rows];
        }

        @Override
        void reset()
        {
            best = -1;
        }

        @Override
        void add(int row)
        {
            if (input.isNull(row)) {
                return;
            }
            if (best < 0 || sign * RowComparison.compare(input, row, input, best) > 0) {
                best = row;
            }
        }

        @Override
        void write(int row)
        {
            positions[row] = best < 0 ? row : best;
            choice[row] = best < 0 ? -1 : 0;
        }

        @Override
        ColumnVector result()
        {
            int rows = positions.length;
            ColumnVector picked = input.select(positions, rows);
            return RowPicker.pick(input.type(), new ColumnVector[] {picked}, choice, rows);
        }
    }

    private static boolean anyTrue(boolean[] values)
    {
        for (boolean value : values) {
            if (value) {
                return true;
            }
        }
        return false;
    }
}
