package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * round, bround, floor and ceil. Integers and decimals (unscaled longs) are rounded in long arithmetic at the
 * decimal digit {@code scale}; doubles are rounded as Spark rounds them, as their shortest decimal text, so
 * that round(2.675, 2) is 2.68 although the double is a little below 2.675.
 */
final class RoundVector
        implements VectorExpression
{
    enum Mode
    {
        HALF_UP, HALF_EVEN, FLOOR, CEILING
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final VectorExpression child;
    private final DataType inputType;
    private final DataType outputType;
    private final int scale;
    private final Mode mode;

    RoundVector(VectorExpression child, DataType inputType, DataType outputType, int scale, Mode mode)
    {
        this.child = child;
        this.inputType = inputType;
        this.outputType = outputType;
        this.scale = scale;
        this.mode = mode;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector input = child.evaluate(batch);
        ColumnVector out = ColumnVector.allocate(outputType, rows);
        if (input instanceof DoubleVector doubles) {
            double[] x = doubles.values();
            if (out instanceof LongVector longs) {
                long[] values = longs.values();
                for (int i = 0; i < rows; i++) {
                    values[i] = (long) (mode == Mode.FLOOR ? Math.floor(x[i]) : Math.ceil(x[i]));
                }
            }
            else {
                double[] values = ((DoubleVector) out).values();
                for (int i = 0; i < rows; i++) {
                    values[i] = roundDouble(x[i]);
                }
            }
        }
        else if (input instanceof IntVector ints) {
            int[] x = ints.values();
            int[] values = ((IntVector) out).values();
            for (int i = 0; i < rows; i++) {
                values[i] = (int) roundUnscaled(x[i], 0);
            }
        }
        else {
            long[] x = ((LongVector) input).values();
            long[] values = ((LongVector) out).values();
            int inputScale = inputType.kind() == TypeKind.DECIMAL ? inputType.scale() : 0;
            for (int i = 0; i < rows; i++) {
                values[i] = roundUnscaled(x[i], inputScale);
            }
        }
        out.setNulls(Nulls.copy(input, rows));
        return out;
    }

    /** The value {@code unscaled * 10^-inputScale} rounded at digit {@code scale}, unscaled at the output's scale. */
    private long roundUnscaled(long unscaled, int inputScale)
    {
        int target = mode == Mode.FLOOR || mode == Mode.CEILING ? 0 : scale;
        int dropped = inputScale - target;
        if (dropped <= 0) {
            return unscaled;
        }
        int outputScale = outputType.kind() == TypeKind.DECIMAL ? outputType.scale() : 0;
        if (dropped >= POWERS_OF_TEN.length) {
            // more digits dropped than a long holds: every long rounds to zero
            return 0;
        }
        long divisor = POWERS_OF_TEN[dropped];
        long quotient = unscaled / divisor;
        long remainder = unscaled % divisor;
        if (remainder != 0) {
            long twice = Math.abs(remainder) * 2;
            boolean away = switch (mode) {
                case HALF_UP -> twice >= divisor;
                case HALF_EVEN -> twice > divisor || (twice == divisor && (quotient & 1) != 0);
                case FLOOR -> unscaled < 0;
                case CEILING -> unscaled > 0;
            };
            if (away) {
                quotient += unscaled < 0 ? -1 : 1;
            }
        }
        return quotient * POWERS_OF_TEN[outputScale - target];
    }

    private double roundDouble(double x)
    {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        if (scale == 0) {
            // exact without BigDecimal: a tie at .5 is a double itself, so its shortest text is a tie as well
            double magnitude = Math.abs(x);
            double whole = Math.floor(magnitude);
            double fraction = magnitude - whole;
            boolean up = mode == Mode.HALF_UP ? fraction >= 0.5 : fraction > 0.5 || (fraction == 0.5 && whole % 2 != 0);
            // + 0.0 turns -0.0 into 0.0, as Spark's BigDecimal does
            return Math.copySign(up ? whole + 1 : whole, x) + 0.0;
        }
        // a BigDecimal per row: Spark's answer is defined by the decimal text of the double
        RoundingMode rounding = mode == Mode.HALF_UP ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN;
        return BigDecimal.valueOf(x).setScale(scale, rounding).doubleValue() + 0.0;
    }
}
