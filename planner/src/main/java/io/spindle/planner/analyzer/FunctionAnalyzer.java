package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.DateTimePattern;
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
    /** The widest decimal held as an unscaled long. */
    static final int MAX_LONG_DECIMAL_PRECISION = 18;

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
            default -> {
                checkArity(node);
                yield resolveAdded(node, args, call);
            }
        };
    }

    /** The functions added with Spark's daily ones; their arity is checked here, for SQL and the DataFrame API alike. */
    private static Expression resolveAdded(ScalarFunction node, List<Expression> args, String call)
    {
        ScalarFunction.Name name = node.name();
        return switch (name) {
            case ABS -> {
                Expression x = asNumber(args.get(0), node);
                yield new ScalarFunction(name, List.of(x), x.type());
            }
            case ROUND, BROUND -> {
                Expression x = asNumber(args.get(0), node);
                Expression scale = args.size() > 1 ? args.get(1) : Literal.of(0);
                requireIntLiteral(scale, "scale", call);
                yield new ScalarFunction(name, List.of(x, scale), checked(roundedType(x.type(), (Integer) ((Literal) scale).value()), node));
            }
            case FLOOR, CEIL -> {
                Expression x = asNumber(args.get(0), node);
                DataType t = x.type();
                if (t.kind() == TypeKind.DECIMAL) {
                    DataType type = t.scale() == 0 ? t : ExpressionAnalyzer.boundedDecimal(t.precision() - t.scale() + 1, 0);
                    yield new ScalarFunction(name, List.of(x), checked(type, node));
                }
                Expression input = t.kind() == TypeKind.DOUBLE ? x : castIfNeeded(x, DataType.LONG);
                yield new ScalarFunction(name, List.of(input), DataType.LONG);
            }
            case SQRT, EXP, LN, LOG10, SIGNUM -> new ScalarFunction(name, List.of(asDouble(args.get(0), node)), DataType.DOUBLE);
            case LOG, POW -> new ScalarFunction(name, List.of(asDouble(args.get(0), node), asDouble(args.get(1), node)), DataType.DOUBLE);
            case PMOD -> {
                Expression a = asNumber(args.get(0), node);
                Expression b = asNumber(args.get(1), node);
                DataType common = ExpressionAnalyzer.commonNumeric(a.type(), b.type());
                checked(common, node);
                DataType type = common.kind() == TypeKind.DECIMAL
                        ? ExpressionAnalyzer.decimalResult(Arithmetic.Operator.MODULO, ExpressionAnalyzer.asDecimal(a.type()), ExpressionAnalyzer.asDecimal(b.type()))
                        : common;
                yield new ScalarFunction(name, List.of(castIfNeeded(a, common), castIfNeeded(b, common)), type);
            }
            case GREATEST, LEAST -> {
                DataType common = checked(commonType(args, call), node);
                TypeKind kind = common.kind();
                if (kind == TypeKind.BOOLEAN) {
                    throw new AnalysisException(name.sqlName() + " cannot order booleans in " + call + "; cast them to int");
                }
                yield new ScalarFunction(name, args.stream().map(a -> castIfNeeded(a, common)).toList(), common);
            }
            case NVL, IFNULL, NULLIF -> {
                DataType common = checked(commonType(args, call), node);
                yield new ScalarFunction(name, args.stream().map(a -> castIfNeeded(a, common)).toList(), common);
            }
            case NVL2 -> {
                DataType common = checked(commonType(args.subList(1, 3), call), node);
                yield new ScalarFunction(name, List.of(args.get(0), castIfNeeded(args.get(1), common), castIfNeeded(args.get(2), common)), common);
            }
            case REPLACE -> {
                Expression replacement = args.size() > 2 ? asString(args.get(2)) : Literal.of("");
                yield new ScalarFunction(name, List.of(asString(args.get(0)), asString(args.get(1)), replacement), DataType.STRING);
            }
            case REGEXP_REPLACE -> {
                Pattern regex = regexArgument(args.get(1), call);
                String replacement = stringArgument(args.get(2), "replacement", call);
                try {
                    // an empty alternative matches the empty string, so the replacement is read with the regex's groups
                    Pattern.compile("(?:" + regex.pattern() + ")|").matcher("").replaceAll(replacement);
                }
                catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new AnalysisException("the replacement '" + replacement + "' in " + call + " is not valid: " + e.getMessage()
                            + "; write \\$ for a dollar sign");
                }
                yield new ScalarFunction(name, List.of(asString(args.get(0)), args.get(1), args.get(2)), DataType.STRING);
            }
            case REGEXP_EXTRACT -> {
                Pattern regex = regexArgument(args.get(1), call);
                Expression group = args.size() > 2 ? args.get(2) : Literal.of(1);
                requireIntLiteral(group, "group index", call);
                int index = (Integer) ((Literal) group).value();
                int groups = regex.matcher("").groupCount();
                if (index < 0 || index > groups) {
                    throw new AnalysisException("the regular expression '" + regex.pattern() + "' in " + call + " has " + groups
                            + " group" + (groups == 1 ? "" : "s") + ", so group " + index + " does not exist; pass 0 to " + groups);
                }
                yield new ScalarFunction(name, List.of(asString(args.get(0)), args.get(1), group), DataType.STRING);
            }
            case LPAD, RPAD -> {
                Expression pad = args.size() > 2 ? asString(args.get(2)) : Literal.of(" ");
                yield new ScalarFunction(name, List.of(asString(args.get(0)), asInt(args.get(1), "length", call), pad), DataType.STRING);
            }
            case LTRIM, RTRIM, INITCAP, REVERSE -> new ScalarFunction(name, List.of(asString(args.get(0))), DataType.STRING);
            case INSTR -> new ScalarFunction(name, List.of(asString(args.get(0)), asString(args.get(1))), DataType.INT);
            case LOCATE -> {
                Expression position = args.size() > 2 ? args.get(2) : Literal.of(1);
                requireIntLiteral(position, "position", call);
                yield new ScalarFunction(name, List.of(asString(args.get(0)), asString(args.get(1)), position), DataType.INT);
            }
            case CONCAT_WS -> new ScalarFunction(name, args.stream().map(FunctionAnalyzer::asString).toList(), DataType.STRING);
            case REPEAT -> new ScalarFunction(name, List.of(asString(args.get(0)), asInt(args.get(1), "count", call)), DataType.STRING);
            case LEFT, RIGHT -> {
                requireIntLiteral(args.get(1), "length", call);
                yield new ScalarFunction(name, List.of(asString(args.get(0)), args.get(1)), DataType.STRING);
            }
            case ADD_MONTHS -> new ScalarFunction(name, List.of(asDate(args.get(0), call), asInt(args.get(1), "number of months", call)), DataType.DATE);
            case MONTHS_BETWEEN -> {
                Expression roundOff = args.size() > 2 ? args.get(2) : Literal.of(true);
                if (!(roundOff instanceof Literal literal) || literal.isNull() || literal.type().kind() != TypeKind.BOOLEAN) {
                    throw new AnalysisException("the roundOff of " + call + " must be true or false, not " + roundOff.defaultName());
                }
                yield new ScalarFunction(name, List.of(asDate(args.get(0), call), asDate(args.get(1), call), roundOff), DataType.DOUBLE);
            }
            case LAST_DAY -> new ScalarFunction(name, List.of(asDate(args.get(0), call)), DataType.DATE);
            case QUARTER, DAY_OF_WEEK, DAY_OF_YEAR, WEEK_OF_YEAR -> new ScalarFunction(name, List.of(asDate(args.get(0), call)), DataType.INT);
            case TRUNC -> {
                stringArgument(args.get(1), "unit", call);
                yield new ScalarFunction(name, List.of(asDate(args.get(0), call), args.get(1)), DataType.DATE);
            }
            case DATE_TRUNC -> {
                stringArgument(args.get(0), "unit", call);
                Expression time = args.get(1).type().kind() == TypeKind.TIMESTAMP ? args.get(1) : asDate(args.get(1), call);
                yield new ScalarFunction(name, List.of(args.get(0), time), DataType.TIMESTAMP);
            }
            case DATE_FORMAT -> {
                patternArgument(args.get(1), call);
                Expression time = args.get(0).type().kind() == TypeKind.TIMESTAMP ? args.get(0) : asDate(args.get(0), call);
                yield new ScalarFunction(name, List.of(time, args.get(1)), DataType.STRING);
            }
            case TO_DATE -> {
                DateTimePattern pattern = patternArgument(args.get(1), call);
                if (pattern.hasTimeFields()) {
                    throw new AnalysisException("the pattern '" + pattern + "' of " + call + " reads a time of day, which a date does not have;"
                            + " keep to y, M, d, D and E");
                }
                yield new ScalarFunction(name, List.of(asString(args.get(0)), args.get(1)), DataType.DATE);
            }
            default -> throw new IllegalStateException("no typing rule for " + name);
        };
    }

    private static void checkArity(ScalarFunction node)
    {
        int min;
        int max;
        switch (node.name()) {
            case ROUND, BROUND -> {
                min = 1;
                max = 2;
            }
            case REPLACE, REGEXP_EXTRACT, LPAD, RPAD, LOCATE, MONTHS_BETWEEN -> {
                min = 2;
                max = 3;
            }
            case GREATEST, LEAST -> {
                min = 2;
                max = Integer.MAX_VALUE;
            }
            case CONCAT_WS -> {
                min = 1;
                max = Integer.MAX_VALUE;
            }
            case LOG, POW, PMOD, NVL, IFNULL, NULLIF, INSTR, REPEAT, LEFT, RIGHT, ADD_MONTHS, TRUNC, DATE_TRUNC, DATE_FORMAT, TO_DATE -> {
                min = 2;
                max = 2;
            }
            case NVL2, REGEXP_REPLACE -> {
                min = 3;
                max = 3;
            }
            default -> {
                min = 1;
                max = 1;
            }
        }
        int count = node.arguments().size();
        if (count < min || count > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " or " + max;
            throw new AnalysisException(node.name().sqlName() + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", not " + count
                    + ", in " + node.defaultName());
        }
    }

    /** Spark's type of round(x, scale): integral and double types keep their type; a decimal keeps at most {@code scale} digits. */
    private static DataType roundedType(DataType type, int scale)
    {
        if (type.kind() != TypeKind.DECIMAL) {
            return type;
        }
        // one more integral digit: round(9.9) is 10
        int integralDigits = type.precision() - type.scale() + 1;
        if (scale < 0) {
            return DataType.decimal(Math.min(Math.max(integralDigits, -scale + 1), DataType.MAX_DECIMAL_PRECISION), 0);
        }
        int newScale = Math.min(type.scale(), scale);
        return DataType.decimal(Math.min(integralDigits + newScale, DataType.MAX_DECIMAL_PRECISION), newScale);
    }

    /**
     * Decimals of up to 18 digits are unscaled longs; the functions here do not yet read or write the wider ones.
     * The one place that says so, to lift when they do.
     */
    static DataType checked(DataType type, ScalarFunction node)
    {
        if (type.kind() == TypeKind.DECIMAL && type.precision() > MAX_LONG_DECIMAL_PRECISION) {
            throw new AnalysisException(node.name().sqlName() + " of a decimal wider than " + MAX_LONG_DECIMAL_PRECISION
                    + " digits is not supported yet; cast it to double (" + type.sqlName() + " in " + node.defaultName() + ")");
        }
        return type;
    }

    private static Expression asNumber(Expression e, ScalarFunction node)
    {
        if (!e.type().isNumeric()) {
            throw new AnalysisException(node.name().sqlName() + " needs a number, but " + e.defaultName() + " is " + e.type().sqlName()
                    + " in " + node.defaultName() + "; cast it to a number");
        }
        checked(e.type(), node);
        return e;
    }

    private static Expression asDouble(Expression e, ScalarFunction node)
    {
        if (!e.type().isNumeric()) {
            throw new AnalysisException(node.name().sqlName() + " needs a number, but " + e.defaultName() + " is " + e.type().sqlName()
                    + " in " + node.defaultName() + "; cast it to a number");
        }
        return castIfNeeded(e, DataType.DOUBLE);
    }

    private static String stringArgument(Expression e, String what, String call)
    {
        if (!(e instanceof Literal literal) || literal.isNull() || literal.type().kind() != TypeKind.STRING) {
            throw new AnalysisException("the " + what + " of " + call + " must be a constant string, not " + e.defaultName());
        }
        return (String) literal.value();
    }

    private static Pattern regexArgument(Expression e, String call)
    {
        String regex = stringArgument(e, "regular expression", call);
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException ex) {
            throw new AnalysisException("'" + regex + "' in " + call + " is not a valid Java regular expression: " + ex.getDescription());
        }
    }

    private static DateTimePattern patternArgument(Expression e, String call)
    {
        String pattern = stringArgument(e, "pattern", call);
        try {
            return DateTimePattern.parse(pattern);
        }
        catch (IllegalArgumentException ex) {
            throw new AnalysisException(ex.getMessage() + " (in " + call + ")");
        }
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
        return asInt(e, "number of days", call);
    }

    private static Expression asInt(Expression e, String what, String call)
    {
        TypeKind kind = e.type().kind();
        if (kind == TypeKind.INT) {
            return e;
        }
        throw new AnalysisException("the " + what + " " + e.defaultName() + " in " + call + " is " + e.type().sqlName() + ", not int; cast it to int");
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
