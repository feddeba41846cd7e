package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Types the built-in scalar functions and CASE as Spark does: string functions cast their other-typed
 * arguments to string, date functions accept a string that casts to a date, and COALESCE and CASE widen
 * their values to one common type.
 */
final class FunctionAnalyzer
{
    private FunctionAnalyzer()
    {
    }

    static Expression resolveCaseWhen(CaseWhen node)
    {
        for (Expression condition : node.conditions()) {
            if (condition.type().kind() != TypeKind.BOOLEAN) {
                throw new AnalysisException("WHEN condition " + condition.defaultName() + " is " + condition.type().sqlName()
                        + ", not boolean, in " + node.defaultName() + "; compare it with something");
            }
        }
        List<Expression> all = new ArrayList<>(node.values());
        node.elseValue().ifPresent(all::add);
        DataType common = commonType(all, node.defaultName());
        List<Expression> values = node.values().stream().map(v -> castIfNeeded(v, common)).toList();
        Optional<Expression> elseValue = node.elseValue().map(v -> castIfNeeded(v, common));
        return new CaseWhen(node.conditions(), values, elseValue, common);
    }

    static Expression resolveFunction(ScalarFunction node)
    {
        List<Expression> args = node.arguments();
        String call = node.defaultName();
        return switch (node.name()) {
            case COALESCE -> {
                DataType common = commonType(args, call);
                yield new ScalarFunction(node.name(), args.stream().map(a -> castIfNeeded(a, common)).toList(), common);
            }
            case CONCAT -> new ScalarFunction(node.name(), args.stream().map(FunctionAnalyzer::asString).toList(), DataType.STRING);
            case UPPER, LOWER, TRIM -> new ScalarFunction(node.name(), List.of(asString(args.get(0))), DataType.STRING);
            case LENGTH -> new ScalarFunction(node.name(), List.of(asString(args.get(0))), DataType.INT);
            case SUBSTRING -> {
                requireIntLiteral(args.get(1), "position", call);
                requireIntLiteral(args.get(2), "length", call);
                yield new ScalarFunction(node.name(), List.of(asString(args.get(0)), args.get(1), args.get(2)), DataType.STRING);
            }
            case STARTS_WITH, ENDS_WITH, CONTAINS, LIKE, RLIKE -> {
                Expression pattern = args.get(1);
                if (!(pattern instanceof Literal literal) || literal.type().kind() != TypeKind.STRING) {
                    throw new AnalysisException(node.name().sqlName() + " needs a constant string as its pattern, but "
                            + pattern.defaultName() + " is " + (pattern instanceof Literal ? pattern.type().sqlName() : "a column expression")
                            + " in " + call + "; pass a string");
                }
                checkPattern(node.name(), (String) ((Literal) pattern).value(), call);
                yield new ScalarFunction(node.name(), List.of(asString(args.get(0)), pattern), DataType.BOOLEAN);
            }
            case YEAR, MONTH, DAY_OF_MONTH -> new ScalarFunction(node.name(), List.of(asDate(args.get(0), call)), DataType.INT);
            case DATE_ADD, DATE_SUB -> new ScalarFunction(node.name(), List.of(asDate(args.get(0), call), asInt(args.get(1), call)), DataType.DATE);
            case DATE_DIFF -> new ScalarFunction(node.name(), List.of(asDate(args.get(0), call), asDate(args.get(1), call)), DataType.INT);
        };
    }

    /** The type every one of {@code expressions} can be cast to without losing values: equal types, or widened numbers. */
    static DataType commonType(List<Expression> expressions, String where)
    {
        // a null literal (SQL's NULL) fits any type, so it does not take part unless every value is one
        List<Expression> typed = expressions.stream().filter(e -> !(e instanceof Literal literal && literal.isNull())).toList();
        if (!typed.isEmpty() && typed.size() < expressions.size()) {
            return commonType(typed, where);
        }
        DataType common = expressions.get(0).type();
        for (Expression e : expressions.subList(1, expressions.size())) {
            DataType t = e.type();
            if (t.equals(common)) {
                continue;
            }
            if (t.isNumeric() && common.isNumeric()) {
                common = ExpressionAnalyzer.commonNumeric(common, t);
                continue;
            }
            throw new AnalysisException("cannot combine " + expressions.get(0).defaultName() + " (" + expressions.get(0).type().sqlName()
                    + ") with " + e.defaultName() + " (" + t.sqlName() + ") in " + where + "; cast them to one type");
        }
        return common;
    }

    /** Fails here, before any task runs, on a pattern the executors could not compile. */
    private static void checkPattern(ScalarFunction.Name name, String pattern, String call)
    {
        if (pattern == null) {
            throw new AnalysisException("the pattern of " + call + " is null; pass a string");
        }
        if (name == ScalarFunction.Name.RLIKE) {
            try {
                Pattern.compile(pattern);
            }
            catch (PatternSyntaxException e) {
                throw new AnalysisException("'" + pattern + "' in " + call + " is not a valid Java regular expression: " + e.getDescription());
            }
        }
        if (name == ScalarFunction.Name.LIKE && (pattern.length() - pattern.replaceAll("\\\\+$", "").length()) % 2 == 1) {
            throw new AnalysisException("LIKE pattern '" + pattern + "' in " + call + " ends with the escape character \\; write \\\\ for a backslash");
        }
    }

    private static void requireIntLiteral(Expression e, String what, String call)
    {
        if (!(e instanceof Literal literal) || literal.isNull() || literal.type().kind() != TypeKind.INT) {
            throw new AnalysisException("the " + what + " of " + call + " must be a constant int, not " + e.defaultName());
        }
    }

    private static Expression asString(Expression e)
    {
        return castIfNeeded(e, DataType.STRING);
    }

    private static Expression asDate(Expression e, String call)
    {
        TypeKind kind = e.type().kind();
        if (kind == TypeKind.DATE || kind == TypeKind.STRING) {
            return castIfNeeded(e, DataType.DATE);
        }
        throw new AnalysisException(e.defaultName() + " in " + call + " is " + e.type().sqlName() + ", not a date; use a date column or a yyyy-MM-dd string");
    }

    private static Expression asInt(Expression e, String call)
    {
        TypeKind kind = e.type().kind();
        if (kind == TypeKind.INT) {
            return e;
        }
        throw new AnalysisException("the number of days " + e.defaultName() + " in " + call + " is " + e.type().sqlName() + ", not int; cast it to int");
    }

    static Expression castIfNeeded(Expression expression, DataType type)
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
