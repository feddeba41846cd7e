package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.decimal.Int128;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic over two vectors of the analyzer's operand type. Integers wrap as in Spark's default mode;
 * decimals are unscaled integers rescaled to the result scale and fail loudly on overflow; division or
 * modulo by zero gives null. Decimals of up to 18 digits with a result of up to 18 digits stay in longs; when
 * either operand or the result is wider, the work is done in 128 bits, on longs still while the operands fit
 * (as TPC-H's price times discount does), so no row allocates.
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
            case DECIMAL -> a instanceof LongVector x && b instanceof LongVector y && !resultType.isWideDecimal()
                    ? decimals(x, y, rows, nulls)
                    : wideDecimals(a, b, rows, nulls);
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
            throw overflow();
        }
        LongVector result = new LongVector(resultType, out, rows);
        result.setNulls(nulls);
        return result;
    }

    /** Decimal arithmetic in 128 bits, for a wide operand or result; the result goes into the result type's vector. */
    private ColumnVector wideDecimals(ColumnVector av, ColumnVector bv, int rows, boolean[] nulls)
    {
        if (operator == Arithmetic.Operator.MULTIPLY && av instanceof LongVector x && bv instanceof LongVector y
                && resultType.scale() == av.type().scale() + bv.type().scale()
                && resultType.precision() >= av.type().precision() + bv.type().precision()) {
            return wideProductOfLongs(x.values(), y.values(), rows, nulls);
        }
        if (operator == Arithmetic.Operator.MULTIPLY && resultType.scale() == av.type().scale() + bv.type().scale()) {
            if (av instanceof Decimal128Vector x && bv instanceof LongVector y) {
                return wideTimesLong(x, y.values(), rows, nulls);
            }
            if (av instanceof LongVector x && bv instanceof Decimal128Vector y) {
                return wideTimesLong(y, x.values(), rows, nulls);
            }
        }
        long[] xHigh = highWords(av, rows);
        long[] xLow = lowWords(av);
        long[] yHigh = highWords(bv, rows);
        long[] yLow = lowWords(bv);
        int sa = av.type().scale();
        int sb = bv.type().scale();
        int sr = resultType.scale();
        int precision = resultType.precision();
        long[] outHigh = new long[rows];
        long[] outLow = new long[rows];
        // one scratch value for the rescaled right operand, so the loops allocate nothing
        long[] scratchHigh = new long[1];
        long[] scratchLow = new long[1];
        try {
            switch (operator) {
                case ADD, SUBTRACT -> {
                    // exact at the larger operand scale, then rounded once to the result scale, as Spark does
                    int common = Math.max(sa, sb);
                    boolean add = operator == Arithmetic.Operator.ADD;
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        try {
                            Int128.rescale(xHigh[i], xLow[i], common - sa, outHigh, outLow, i);
                            Int128.rescale(yHigh[i], yLow[i], common - sb, scratchHigh, scratchLow, 0);
                            if (add) {
                                Int128.add(outHigh[i], outLow[i], scratchHigh[0], scratchLow[0], outHigh, outLow, i);
                            }
                            else {
                                Int128.subtract(outHigh[i], outLow[i], scratchHigh[0], scratchLow[0], outHigh, outLow, i);
                            }
                            if (sr != common) {
                                Int128.rescale(outHigh[i], outLow[i], sr - common, outHigh, outLow, i);
                            }
                        }
                        catch (ArithmeticException beyond128Bits) {
                            exactly(xHigh[i], xLow[i], sa, yHigh[i], yLow[i], sb, outHigh, outLow, i);
                        }
                        checkPrecision(outHigh[i], outLow[i], precision);
                    }
                }
                case MULTIPLY -> {
                    int shift = sr - (sa + sb);
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        try {
                            Int128.multiply(xHigh[i], xLow[i], yHigh[i], yLow[i], outHigh, outLow, i);
                            if (shift != 0) {
                                Int128.rescale(outHigh[i], outLow[i], shift, outHigh, outLow, i);
                            }
                        }
                        catch (ArithmeticException beyond128Bits) {
                            exactly(xHigh[i], xLow[i], sa, yHigh[i], yLow[i], sb, outHigh, outLow, i);
                        }
                        checkPrecision(outHigh[i], outLow[i], precision);
                    }
                }
                case DIVIDE, MODULO -> {
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        if (yHigh[i] == 0 && yLow[i] == 0) {
                            nulls = markNull(nulls, i, rows);
                            continue;
                        }
                        BigDecimal l = Int128.toBigDecimal(xHigh[i], xLow[i], sa);
                        BigDecimal r = Int128.toBigDecimal(yHigh[i], yLow[i], sb);
                        BigDecimal value = operator == Arithmetic.Operator.DIVIDE
                                ? l.divide(r, sr, RoundingMode.HALF_UP)
                                : l.remainder(r).setScale(sr, RoundingMode.HALF_UP);
                        Int128.fromBigDecimal(value, sr, outHigh, outLow, i);
                        checkPrecision(outHigh[i], outLow[i], precision);
                    }
                }
            }
        }
        catch (ArithmeticException e) {
            throw overflow();
        }
        ColumnVector result = resultType.isWideDecimal()
                ? new Decimal128Vector(resultType, outHigh, outLow, rows)
                : new LongVector(resultType, outLow, rows);
        result.setNulls(nulls);
        return result;
    }

    /**
     * The product of two long-backed decimals whose result type keeps every digit (price times discount in TPC-H Q1):
     * two 18-digit factors cannot pass 36 digits, so there is nothing to round or check, only the 128-bit product.
     */
    private ColumnVector wideProductOfLongs(long[] x, long[] y, int rows, boolean[] nulls)
    {
        long[] outHigh = new long[rows];
        long[] outLow = new long[rows];
        for (int i = 0; i < rows; i++) {
            outHigh[i] = Math.multiplyHigh(x[i], y[i]);
            outLow[i] = x[i] * y[i];
        }
        Decimal128Vector result = new Decimal128Vector(resultType, outHigh, outLow, rows);
        result.setNulls(nulls);
        return result;
    }

    /**
     * A 128-bit decimal times a long-backed one at the result's own scale, as TPC-H Q1's charge times (1 + tax): while
     * the wide value fits in 64 bits, which it nearly always does, the product is one multiplyHigh.
     */
    private ColumnVector wideTimesLong(Decimal128Vector wide, long[] y, int rows, boolean[] nulls)
    {
        long[] xHigh = wide.high();
        long[] xLow = wide.low();
        long[] outHigh = new long[rows];
        long[] outLow = new long[rows];
        int precision = resultType.precision();
        try {
            for (int i = 0; i < rows; i++) {
                if (nulls != null && nulls[i]) {
                    continue;
                }
                if (xHigh[i] == (xLow[i] >> 63)) {
                    outHigh[i] = Math.multiplyHigh(xLow[i], y[i]);
                    outLow[i] = xLow[i] * y[i];
                }
                else {
                    Int128.multiply(xHigh[i], xLow[i], y[i] >> 63, y[i], outHigh, outLow, i);
                }
                checkPrecision(outHigh[i], outLow[i], precision);
            }
        }
        catch (ArithmeticException e) {
            throw overflow();
        }
        Decimal128Vector result = new Decimal128Vector(resultType, outHigh, outLow, rows);
        result.setNulls(nulls);
        return result;
    }

    /**
     * The slow path for the rare row whose exact intermediate value needs more than 128 bits though its rounded
     * result may fit (a product of scale 12 cut to scale 6): the whole operation in BigDecimal.
     */
    private void exactly(long xHigh, long xLow, int sa, long yHigh, long yLow, int sb, long[] outHigh, long[] outLow, int at)
    {
        BigDecimal l = Int128.toBigDecimal(xHigh, xLow, sa);
        BigDecimal r = Int128.toBigDecimal(yHigh, yLow, sb);
        BigDecimal value = switch (operator) {
            case ADD -> l.add(r);
            case SUBTRACT -> l.subtract(r);
            case MULTIPLY -> l.multiply(r);
            default -> throw new IllegalStateException("no exact fallback for " + operator);
        };
        Int128.fromBigDecimal(value, resultType.scale(), outHigh, outLow, at);
    }

    private static void checkPrecision(long high, long low, int precision)
    {
        if (!Int128.fitsPrecision(high, low, precision)) {
            throw new ArithmeticException("more than " + precision + " digits");
        }
    }

    private ArithmeticException overflow()
    {
        return new ArithmeticException("decimal overflow in " + node.defaultName() + ": the value does not fit its result type "
                + resultType.sqlName() + " (at most " + DataType.MAX_DECIMAL_PRECISION + " digits); cast the operands to double to avoid it");
    }

    /** The high words of a decimal vector of either width: a long-backed one's are its values' signs. */
    static long[] highWords(ColumnVector vector, int rows)
    {
        if (vector instanceof Decimal128Vector v) {
            return v.high();
        }
        long[] values = ((LongVector) vector).values();
        long[] high = new long[rows];
        for (int i = 0; i < rows; i++) {
            high[i] = values[i] >> 63;
        }
        return high;
    }

    static long[] lowWords(ColumnVector vector)
    {
        return vector instanceof Decimal128Vector v ? v.low() : ((LongVector) vector).values();
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
