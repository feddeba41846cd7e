package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic over two vectors of the analyzer's operand type. Integers wrap as in Spark's default mode;
 * decimals are unscaled longs rescaled to the result scale and fail loudly on overflow; division or
 * modulo by zero gives null.
 */
final class ArithmeticVector
        implements VectorExpression
{
    private final Arithmetic node;
    private final Arithmetic.Operator operator;
    private final VectorExpression left;
    private final VectorExpression right;
    private final DataType resultType;

    ArithmeticVector(Arithmetic node, VectorExpression left, VectorExpression right)
    {
        this.node = node;
        this.operator = node.operator();
        this.left = left;
        this.right = right;
        this.resultType = node.type();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        ColumnVector a = left.evaluate(batch);
        ColumnVector b = right.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] nulls = Nulls.union(a, b, rows);
        return switch (resultType.kind()) {
            case DOUBLE -> doubles((DoubleVector) a, (DoubleVector) b, rows, nulls);
            case LONG -> longs(((LongVector) a).values(), ((LongVector) b).values(), rows, nulls);
            case INT -> ints(((IntVector) a).values(), ((IntVector) b).values(), rows, nulls);
            case DECIMAL -> decimals((LongVector) a, (LongVector) b, rows, nulls);
            default -> throw new IllegalStateException("arithmetic on " + resultType);
        };
    }

    private ColumnVector doubles(DoubleVector av, DoubleVector bv, int rows, boolean[] nulls)
    {
        double[] x = av.values();
        double[] y = bv.values();
        double[] out = new double[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] + y[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] - y[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] * y[i];
                }
            }
            case DIVIDE, MODULO -> {
                for (int i = 0; i < rows; i++) {
                    if (y[i] == 0) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        out[i] = operator == Arithmetic.Operator.DIVIDE ? x[i] / y[i] : x[i] % y[i];
                    }
                }
            }
        }
        DoubleVector result = new DoubleVector(resultType, out, rows);
        result.setNulls(nulls);
        return result;
    }

    private ColumnVector longs(long[] x, long[] y, int rows, boolean[] nulls)
    {
        long[] out = new long[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] + y[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] - y[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] * y[i];
                }
            }
            case DIVIDE, MODULO -> {
                for (int i = 0; i < rows; i++) {
                    if (y[i] == 0) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        out[i] = operator == Arithmetic.Operator.DIVIDE ? x[i] / y[i] : x[i] % y[i];
                    }
                }
            }
        }
        LongVector result = new LongVector(resultType, out, rows);
        result.setNulls(nulls);
        return result;
    }

    private ColumnVector ints(int[] x, int[] y, int rows, boolean[] nulls)
    {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            switch (operator) {
                case ADD -> out[i] = x[i] + y[i];
                case SUBTRACT -> out[i] = x[i] - y[i];
                case MULTIPLY -> out[i] = x[i] * y[i];
                case DIVIDE, MODULO -> {
                    if (y[i] == 0) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        out[i] = operator == Arithmetic.Operator.DIVIDE ? x[i] / y[i] : x[i] % y[i];
                    }
                }
            }
        }
        IntVector result = new IntVector(resultType, out, rows);
        result.setNulls(nulls);
        return result;
    }

    private ColumnVector decimals(LongVector av, LongVector bv, int rows, boolean[] nulls)
    {
        long[] x = av.values();
        long[] y = bv.values();
        int sa = av.type().scale();
        int sb = bv.type().scale();
        int sr = resultType.scale();
        long[] out = new long[rows];
        try {
            switch (operator) {
                case ADD, SUBTRACT -> {
                    long fa = pow10(sr - sa);
                    long fb = pow10(sr - sb);
                    boolean add = operator == Arithmetic.Operator.ADD;
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        long l = Math.multiplyExact(x[i], fa);
                        long r = Math.multiplyExact(y[i], fb);
                        out[i] = add ? Math.addExact(l, r) : Math.subtractExact(l, r);
                    }
                }
                case MULTIPLY -> {
                    int shift = sr - (sa + sb);
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        long product = Math.multiplyExact(x[i], y[i]);
                        out[i] = shift >= 0 ? Math.multiplyExact(product, pow10(shift)) : divideRounded(product, pow10(-shift));
                    }
                }
                case DIVIDE, MODULO -> {
                    for (int i = 0; i < rows; i++) {
                        if (y[i] == 0 || (nulls != null && nulls[i])) {
                            if (y[i] == 0) {
                                nulls = markNull(nulls, i, rows);
                            }
                            continue;
                        }
                        BigDecimal l = BigDecimal.valueOf(x[i], sa);
                        BigDecimal r = BigDecimal.valueOf(y[i], sb);
                        BigDecimal value = operator == Arithmetic.Operator.DIVIDE
                                ? l.divide(r, sr, RoundingMode.HALF_UP)
                                : l.remainder(r).setScale(sr, RoundingMode.HALF_UP);
                        out[i] = value.unscaledValue().longValueExact();
                    }
                }
            }
        }
        catch (ArithmeticException e) {
            throw new ArithmeticException("decimal overflow in " + node.defaultName() + " (result type " + resultType.sqlName()
                    + "): Spindle holds decimals in 18 digits for now; cast the operands to double to avoid it");
        }
        LongVector result = new LongVector(resultType, out, rows);
        result.setNulls(nulls);
        return result;
    }

    static long divideRounded(long value, long divisor)
    {
        long quotient = value / divisor;
        long remainder = value % divisor;
        if (Math.abs(remainder) * 2 >= divisor) {
            quotient += value < 0 ? -1 : 1;
        }
        return quotient;
    }

    static long pow10(int exponent)
    {
        if (exponent < 0 || exponent > 18) {
            throw new ArithmeticException("scale change of " + exponent + " digits");
        }
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static boolean[] markNull(boolean[] nulls, int row, int rows)
    {
        boolean[] out = nulls == null ? new boolean[rows] : nulls;
        out[row] = true;
        return out;
    }
}
