package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Evaluates arithmetic, comparisons, boolean logic and numeric casts whose operands are non-null literals,
 * with the executors' semantics: integers wrap, decimals keep the result type's scale (rounding half up),
 * division or modulo by zero is null, doubles order NaN above everything and -0.0 equal to 0.0, strings
 * compare by their UTF-8 bytes. It folds decimals only while their unscaled values fit in 64 bits and leaves wider
 * ones to the executors, which compute them in 128 bits or fail with an error naming the expression. Null operands
 * are {@link NullPropagation}'s.
 */
public final class ConstantFolding
        extends ExpressionRule
{
    @Override
    protected Expression rewrite(Expression node)
    {
        if (node instanceof Arithmetic arithmetic && nonNullLiterals(arithmetic.left(), arithmetic.right())) {
            return foldArithmetic(arithmetic, (Literal) arithmetic.left(), (Literal) arithmetic.right());
        }
        if (node instanceof Comparison comparison && nonNullLiterals(comparison.left(), comparison.right())) {
            Literal left = (Literal) comparison.left();
            Literal right = (Literal) comparison.right();
            if (!left.type().equals(right.type())) {
                return node;
            }
            Integer order = compare(left, right);
            return order == null ? node : Literal.of(test(comparison.operator(), order));
        }
        if (node instanceof Logical logical && logical.left() instanceof Literal left && logical.right() instanceof Literal right) {
            return foldLogical(logical.operator(), (Boolean) left.value(), (Boolean) right.value());
        }
        if (node instanceof Not not && not.child() instanceof Literal child && !child.isNull()) {
            return Literal.of(!(Boolean) child.value());
        }
        if (node instanceof IsNull isNull && isNull.child() instanceof Literal child) {
            return Literal.of(child.isNull());
        }
        if (node instanceof Cast cast && cast.child() instanceof Literal child && !child.isNull()) {
            return foldCast(cast, child);
        }
        return node;
    }

    private static boolean nonNullLiterals(Expression left, Expression right)
    {
        return left instanceof Literal l && !l.isNull() && right instanceof Literal r && !r.isNull();
    }

    private static Expression foldArithmetic(Arithmetic node, Literal left, Literal right)
    {
        DataType type = node.type();
        if (!left.type().equals(right.type()) && type.kind() != TypeKind.DECIMAL) {
            return node;
        }
        Arithmetic.Operator op = node.operator();
        boolean division = op == Arithmetic.Operator.DIVIDE || op == Arithmetic.Operator.MODULO;
        switch (type.kind()) {
            case INT -> {
                if (!(left.value() instanceof Integer x) || !(right.value() instanceof Integer y)) {
                    return node;
                }
                if (division && y == 0) {
                    return Literal.nullOf(type);
                }
                return new Literal(switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                }, type);
            }
            case LONG -> {
                if (!(left.value() instanceof Long x) || !(right.value() instanceof Long y)) {
                    return node;
                }
                if (division && y == 0) {
                    return Literal.nullOf(type);
                }
                return new Literal(switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                }, type);
            }
            case DOUBLE -> {
                if (!(left.value() instanceof Double x) || !(right.value() instanceof Double y)) {
                    return node;
                }
                if (division && y == 0) {
                    return Literal.nullOf(type);
                }
                return new Literal(switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                }, type);
            }
            case DECIMAL -> {
                return foldDecimal(node, left, right);
            }
            default -> {
                return node;
            }
        }
    }

    private static Expression foldDecimal(Arithmetic node, Literal left, Literal right)
    {
        BigDecimal x = heldDecimal(left);
        BigDecimal y = heldDecimal(right);
        DataType type = node.type();
        int scale = type.scale();
        if (x == null || y == null || Math.abs(scale - x.scale()) > 18 || Math.abs(scale - y.scale()) > 18
                || Math.abs(scale - x.scale() - y.scale()) > 18) {
            return node;
        }
        BigDecimal result;
        switch (node.operator()) {
            case ADD, SUBTRACT -> {
                BigDecimal l = x.setScale(scale, RoundingMode.UNNECESSARY);
                BigDecimal r = y.setScale(scale, RoundingMode.UNNECESSARY);
                if (!fitsLong(l) || !fitsLong(r)) {
                    return node;
                }
                result = node.operator() == Arithmetic.Operator.ADD ? l.add(r) : l.subtract(r);
            }
            case MULTIPLY -> {
                BigDecimal product = x.multiply(y);
                if (!fitsLong(product)) {
                    return node;
                }
                result = product.setScale(scale, RoundingMode.HALF_UP);
            }
            case DIVIDE, MODULO -> {
                if (y.signum() == 0) {
                    return Literal.nullOf(type);
                }
                result = node.operator() == Arithmetic.Operator.DIVIDE
                        ? x.divide(y, scale, RoundingMode.HALF_UP)
                        : x.remainder(y).setScale(scale, RoundingMode.HALF_UP);
            }
            default -> {
                return node;
            }
        }
        return fitsLong(result) ? new Literal(result, type) : node;
    }

    /** The literal's decimal at its type's scale, or null when the executors could not hold it. */
    private static BigDecimal heldDecimal(Literal literal)
    {
        if (literal.type().kind() != TypeKind.DECIMAL || !(literal.value() instanceof BigDecimal value)) {
            return null;
        }
        try {
            BigDecimal scaled = value.setScale(literal.type().scale(), RoundingMode.UNNECESSARY);
            return fitsLong(scaled) ? scaled : null;
        }
        catch (ArithmeticException e) {
            return null;
        }
    }

    /** Whether the decimal is one this rule folds: its unscaled value fits in 64 bits. */
    private static boolean fitsLong(BigDecimal value)
    {
        return value.unscaledValue().bitLength() < 64;
    }

    /** The order of two non-null literals of one type as the executors compare them, or null if unknown. */
    static Integer compare(Literal left, Literal right)
    {
        Object a = left.value();
        Object b = right.value();
        return switch (left.type().kind()) {
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case INT -> Integer.compare((Integer) a, (Integer) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case DOUBLE -> compareDoubles((Double) a, (Double) b);
            case STRING -> compareStrings((String) a, (String) b);
            default -> null;
        };
    }

    /** As the executors: -0.0 equals 0.0, NaN equals NaN and is above every other value. */
    static int compareDoubles(double a, double b)
    {
        if (a == b) {
            return 0;
        }
        boolean aNaN = Double.isNaN(a);
        boolean bNaN = Double.isNaN(b);
        if (aNaN || bNaN) {
            return aNaN == bNaN ? 0 : aNaN ? 1 : -1;
        }
        return a < b ? -1 : 1;
    }

    /** As the executors: by unsigned UTF-8 bytes. */
    static int compareStrings(String a, String b)
    {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static boolean test(Comparison.Operator operator, int order)
    {
        return switch (operator) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS_THAN -> order < 0;
            case LESS_THAN_OR_EQUAL -> order <= 0;
            case GREATER_THAN -> order > 0;
            case GREATER_THAN_OR_EQUAL -> order >= 0;
        };
    }

    /** Three-valued AND and OR; null stands for unknown. */
    private static Literal foldLogical(Logical.Operator operator, Boolean left, Boolean right)
    {
        Boolean result;
        if (operator == Logical.Operator.AND) {
            result = Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right) ? Boolean.FALSE
                    : left == null || right == null ? null : Boolean.TRUE;
        }
        else {
            result = Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right) ? Boolean.TRUE
                    : left == null || right == null ? null : Boolean.FALSE;
        }
        return new Literal(result, DataType.BOOLEAN);
    }

    /** Numeric casts as the executors do them; other casts are left to run. */
    private static Expression foldCast(Cast cast, Literal child)
    {
        DataType from = child.type();
        DataType to = cast.type();
        if (from.equals(to)) {
            return child;
        }
        if (!from.isNumeric() || !to.isNumeric()) {
            return cast;
        }
        Object value = from.kind() == TypeKind.DECIMAL ? heldDecimal(child) : child.value();
        if (value == null || from.kind() == TypeKind.DECIMAL && from.scale() > 18) {
            return cast;
        }
        return switch (to.kind()) {
            case DOUBLE -> new Literal(switch (from.kind()) {
                case INT -> (double) (Integer) value;
                case LONG -> (double) (Long) value;
                case DECIMAL -> ((BigDecimal) value).unscaledValue().longValue() / Math.pow(10, from.scale());
                default -> (Double) value;
            }, to);
            case LONG -> new Literal(switch (from.kind()) {
                case INT -> (long) (Integer) value;
                case DECIMAL -> ((BigDecimal) value).unscaledValue().longValue() / pow10(from.scale());
                case DOUBLE -> (long) (double) (Double) value;
                default -> (Long) value;
            }, to);
            case INT -> new Literal(switch (from.kind()) {
                case LONG -> (int) (long) (Long) value;
                case DECIMAL -> (int) (((BigDecimal) value).unscaledValue().longValue() / pow10(from.scale()));
                case DOUBLE -> (int) (double) (Double) value;
                default -> (Integer) value;
            }, to);
            case DECIMAL -> castToDecimal(cast, from, to, value);
            default -> cast;
        };
    }

    private static Expression castToDecimal(Cast cast, DataType from, DataType to, Object value)
    {
        if (from.kind() == TypeKind.DOUBLE && !Double.isFinite((Double) value)) {
            return Literal.nullOf(to);
        }
        BigDecimal decimal = switch (from.kind()) {
            case INT -> BigDecimal.valueOf((Integer) value);
            case LONG -> BigDecimal.valueOf((Long) value);
            case DOUBLE -> BigDecimal.valueOf((Double) value);
            default -> (BigDecimal) value;
        };
        BigDecimal scaled = decimal.setScale(to.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > to.precision() - to.scale()) {
            return Literal.nullOf(to);
        }
        return fitsLong(scaled) ? new Literal(scaled, to) : cast;
    }

    private static long pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
