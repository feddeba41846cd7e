package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.AnalysisException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Resolves an expression written against an input schema: binds column names to positions, checks types and
 * inserts the casts that reconcile operands, following Spark's coercion rules (including decimal precision
 * and scale). Every error names what was asked, what exists and what to do.
 */
public final class ExpressionAnalyzer
{
    private ExpressionAnalyzer()
    {
    }

    public static Expression resolve(Expression expression, Schema input)
    {
        return expression.transformUp(node -> resolveNode(node, input));
    }

    private static Expression resolveNode(Expression node, Schema input)
    {
        if (node instanceof UnresolvedColumn column) {
            return resolveColumn(column.name(), input);
        }
        if (node instanceof Arithmetic arithmetic) {
            return resolveArithmetic(arithmetic);
        }
        if (node instanceof Comparison comparison) {
            return resolveComparison(comparison);
        }
        if (node instanceof Logical logical) {
            requireBoolean(logical.left(), logical.operator().name());
            requireBoolean(logical.right(), logical.operator().name());
            return logical;
        }
        if (node instanceof Not not) {
            requireBoolean(not.child(), "NOT");
            return not;
        }
        if (node instanceof AggregateCall call) {
            call.argument().ifPresent(arg -> {
                if (!call.function().acceptsArgument(arg.type())) {
                    throw new AnalysisException(call.function().sqlName() + "(" + arg.defaultName() + ") needs a numeric argument, but "
                            + arg.defaultName() + " is " + arg.type().sqlName() + "; cast it, or use count/min/max");
                }
            });
            return call;
        }
        if (node instanceof ScalarFunction function) {
            return FunctionAnalyzer.resolveFunction(function);
        }
        if (node instanceof CaseWhen caseWhen) {
            return FunctionAnalyzer.resolveCaseWhen(caseWhen);
        }
        if (node instanceof WindowFunction function) {
            return WindowAnalyzer.resolveFunction(function);
        }
        if (node instanceof WindowExpression window) {
            return WindowAnalyzer.resolveWindow(window);
        }
        if (node instanceof Cast || node instanceof Alias || node instanceof IsNull || node instanceof Literal || node instanceof ColumnRef) {
            return node;
        }
        throw new AnalysisException("cannot resolve expression " + node);
    }

    public static ColumnRef resolveColumn(String name, Schema input)
    {
        List<Integer> matches = input.indexesOf(name);
        if (matches.isEmpty()) {
            String hint = NameSuggester.closest(name, input.names()).map(s -> "; did you mean '" + s + "'?").orElse("");
            throw new AnalysisException("column '" + name + "' not found in " + input.names() + hint);
        }
        if (matches.size() > 1) {
            throw new AnalysisException("column reference '" + name + "' is ambiguous: " + matches.size()
                    + " input columns have that name " + input.names() + "; rename one with withColumnRenamed or alias");
        }
        int index = matches.get(0);
        StructField field = input.field(index);
        return new ColumnRef(index, field.name(), field.type(), field.nullable());
    }

    private static void requireBoolean(Expression operand, String operator)
    {
        if (operand.type().kind() != TypeKind.BOOLEAN) {
            throw new AnalysisException(operator + " needs boolean operands, but " + operand.defaultName() + " is "
                    + operand.type().sqlName() + "; compare it with something first");
        }
    }

    private static Expression resolveArithmetic(Arithmetic node)
    {
        Expression left = node.left();
        Expression right = node.right();
        DataType l = left.type();
        DataType r = right.type();
        if (!l.isNumeric() || !r.isNumeric()) {
            Expression bad = l.isNumeric() ? right : left;
            throw new AnalysisException("cannot apply '" + node.operator().symbol() + "' to " + bad.defaultName() + " of type "
                    + bad.type().sqlName() + " in " + node.defaultName() + "; arithmetic needs numbers (cast it first)");
        }
        DataType result;
        DataType operandType;
        if (l.kind() == TypeKind.DOUBLE || r.kind() == TypeKind.DOUBLE) {
            operandType = DataType.DOUBLE;
            result = DataType.DOUBLE;
        }
        else if (l.kind() == TypeKind.DECIMAL || r.kind() == TypeKind.DECIMAL) {
            DataType dl = asDecimal(l);
            DataType dr = asDecimal(r);
            left = castIfNeeded(left, dl);
            right = castIfNeeded(right, dr);
            return new Arithmetic(node.operator(), left, right, decimalResult(node.operator(), dl, dr));
        }
        else if (node.operator() == Arithmetic.Operator.DIVIDE) {
            // Spark divides integers as doubles
            operandType = DataType.DOUBLE;
            result = DataType.DOUBLE;
        }
        else {
            operandType = l.kind() == TypeKind.LONG || r.kind() == TypeKind.LONG ? DataType.LONG : DataType.INT;
            result = operandType;
        }
        return new Arithmetic(node.operator(), castIfNeeded(left, operandType), castIfNeeded(right, operandType), result);
    }

    /** The decimal an integral or decimal type widens to, as Spark does. */
    static DataType asDecimal(DataType type)
    {
        return switch (type.kind()) {
            case DECIMAL -> type;
            case INT -> DataType.decimal(10, 0);
            case LONG -> DataType.decimal(20, 0);
            default -> throw new IllegalArgumentException("not an exact numeric type: " + type);
        };
    }

    static DataType decimalResult(Arithmetic.Operator operator, DataType a, DataType b)
    {
        int p1 = a.precision();
        int s1 = a.scale();
        int p2 = b.precision();
        int s2 = b.scale();
        return switch (operator) {
            case ADD, SUBTRACT -> {
                int scale = Math.max(s1, s2);
                yield boundedDecimal(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
            }
            case MULTIPLY -> boundedDecimal(p1 + p2 + 1, s1 + s2);
            case DIVIDE -> {
                int scale = Math.max(6, s1 + p2 + 1);
                yield boundedDecimal(p1 - s1 + s2 + scale, scale);
            }
            case MODULO -> {
                int scale = Math.max(s1, s2);
                yield boundedDecimal(Math.min(p1 - s1, p2 - s2) + scale, scale);
            }
        };
    }

    /** Spark's rule when a result needs more than 38 digits: keep the integral digits, cut the scale down to 6 at least. */
    static DataType boundedDecimal(int precision, int scale)
    {
        if (precision <= DataType.MAX_DECIMAL_PRECISION) {
            return DataType.decimal(Math.max(precision, 1), scale);
        }
        int integralDigits = precision - scale;
        int minScale = Math.min(scale, 6);
        int adjustedScale = Math.max(DataType.MAX_DECIMAL_PRECISION - integralDigits, minScale);
        return DataType.decimal(DataType.MAX_DECIMAL_PRECISION, adjustedScale);
    }

    private static Expression resolveComparison(Comparison node)
    {
        Expression left = node.left();
        Expression right = node.right();
        DataType l = left.type();
        DataType r = right.type();
        if (l.equals(r)) {
            return node;
        }
        if (l.isNumeric() && r.isNumeric()) {
            DataType common = commonNumeric(l, r);
            return new Comparison(node.operator(), castIfNeeded(left, common), castIfNeeded(right, common));
        }
        if (l.kind() == TypeKind.DATE && right instanceof Literal literal && r.kind() == TypeKind.STRING) {
            return new Comparison(node.operator(), left, dateLiteral(literal, left));
        }
        if (r.kind() == TypeKind.DATE && left instanceof Literal literal && l.kind() == TypeKind.STRING) {
            return new Comparison(node.operator(), dateLiteral(literal, right), right);
        }
        if (l.kind() == r.kind() && l.kind() != TypeKind.DECIMAL) {
            return node;
        }
        throw new AnalysisException("cannot compare " + left.defaultName() + " (" + l.sqlName() + ") with "
                + right.defaultName() + " (" + r.sqlName() + ") in " + node.defaultName() + "; cast one side to the other's type");
    }

    private static Literal dateLiteral(Literal literal, Expression dateSide)
    {
        if (literal.isNull()) {
            return Literal.nullOf(DataType.DATE);
        }
        try {
            return new Literal(LocalDate.parse((String) literal.value()), DataType.DATE);
        }
        catch (DateTimeParseException e) {
            throw new AnalysisException("'" + literal.value() + "' compared with date column " + dateSide.defaultName()
                    + " is not a date; write it as yyyy-MM-dd");
        }
    }

    static DataType commonNumeric(DataType l, DataType r)
    {
        if (l.kind() == TypeKind.DOUBLE || r.kind() == TypeKind.DOUBLE) {
            return DataType.DOUBLE;
        }
        if (l.kind() == TypeKind.DECIMAL || r.kind() == TypeKind.DECIMAL) {
            DataType a = asDecimal(l);
            DataType b = asDecimal(r);
            int scale = Math.max(a.scale(), b.scale());
            int integral = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
            return boundedDecimal(integral + scale, scale);
        }
        return l.kind() == TypeKind.LONG || r.kind() == TypeKind.LONG ? DataType.LONG : DataType.INT;
    }

    private static Expression castIfNeeded(Expression expression, DataType type)
    {
        if (expression.type().equals(type)) {
            return expression;
        }
        if (expression instanceof Literal literal) {
            return LiteralCasts.cast(literal, type);
        }
        return new Cast(expression, type);
    }
}
