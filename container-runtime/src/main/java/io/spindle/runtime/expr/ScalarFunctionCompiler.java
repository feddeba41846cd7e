package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.DateTimePattern;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.ScalarFunction;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the built-in scalar functions; their constant arguments (patterns, positions) are read here, once. */
final class ScalarFunctionCompiler
{
    private ScalarFunctionCompiler()
    {
    }

    static VectorExpression compile(ScalarFunction function)
    {
        List<VectorExpression> args = function.arguments().stream().map(ExpressionCompiler::compile).toList();
        return switch (function.name()) {
            case COALESCE -> new CoalesceVector(function.type(), args);
            case CONCAT -> new ConcatVector(args);
            case UPPER -> new CaseConversionVector(args.get(0), true);
            case LOWER -> new CaseConversionVector(args.get(0), false);
            case TRIM -> new TrimVector(args.get(0), true, true);
            case LTRIM -> new TrimVector(args.get(0), true, false);
            case RTRIM -> new TrimVector(args.get(0), false, true);
            case LENGTH -> new LengthVector(args.get(0));
            case SUBSTRING -> new SubstringVector(args.get(0), constantInt(function, 1), constantInt(function, 2));
            case STARTS_WITH -> new StringMatchVector(args.get(0), StringMatchVector.Mode.PREFIX, constantString(function));
            case ENDS_WITH -> new StringMatchVector(args.get(0), StringMatchVector.Mode.SUFFIX, constantString(function));
            case CONTAINS -> new StringMatchVector(args.get(0), StringMatchVector.Mode.CONTAINS, constantString(function));
            case LIKE -> RegexMatchVector.like(args.get(0), constantString(function));
            case RLIKE -> new RegexMatchVector(args.get(0), regex(constantString(function)), false);
            case YEAR -> new DatePartVector(args.get(0), DatePartVector.Part.YEAR);
            case MONTH -> new DatePartVector(args.get(0), DatePartVector.Part.MONTH);
            case DAY_OF_MONTH -> new DatePartVector(args.get(0), DatePartVector.Part.DAY);
            case DATE_ADD -> new DateArithmeticVector(args.get(0), args.get(1), DateArithmeticVector.Operation.ADD);
            case DATE_SUB -> new DateArithmeticVector(args.get(0), args.get(1), DateArithmeticVector.Operation.SUBTRACT);
            case DATE_DIFF -> new DateArithmeticVector(args.get(0), args.get(1), DateArithmeticVector.Operation.DIFF);
            case ABS -> new AbsVector(args.get(0));
            case ROUND -> round(function, args, RoundVector.Mode.HALF_UP);
            case BROUND -> round(function, args, RoundVector.Mode.HALF_EVEN);
            case FLOOR -> round(function, args, RoundVector.Mode.FLOOR);
            case CEIL -> round(function, args, RoundVector.Mode.CEILING);
            case SQRT -> new MathFunctionVector(MathFunctionVector.Function.SQRT, args.get(0), null);
            case EXP -> new MathFunctionVector(MathFunctionVector.Function.EXP, args.get(0), null);
            case LN -> new MathFunctionVector(MathFunctionVector.Function.LN, args.get(0), null);
            case LOG10 -> new MathFunctionVector(MathFunctionVector.Function.LOG10, args.get(0), null);
            case SIGNUM -> new MathFunctionVector(MathFunctionVector.Function.SIGNUM, args.get(0), null);
            case LOG -> new MathFunctionVector(MathFunctionVector.Function.LOG, args.get(0), args.get(1));
            case POW -> new MathFunctionVector(MathFunctionVector.Function.POW, args.get(0), args.get(1));
            case PMOD -> new PmodVector(function.type(), args.get(0), args.get(1));
            case GREATEST -> new GreatestLeastVector(function.type(), args, true);
            case LEAST -> new GreatestLeastVector(function.type(), args, false);
            case NVL, IFNULL -> new CoalesceVector(function.type(), args);
            // nullif(a, b) is CASE WHEN a = b THEN NULL ELSE a END; nvl2(a, b, c) is CASE WHEN a IS NOT NULL THEN b ELSE c END
            case NULLIF -> new CaseWhenVector(function.type(), List.of(new ComparisonVector(Comparison.Operator.EQUAL, args.get(0), args.get(1))),
                    List.of(new ConstantVector(Literal.nullOf(function.type())), args.get(0)));
            case NVL2 -> new CaseWhenVector(function.type(), List.of(new NotVector(new IsNullVector(args.get(0)))), args.subList(1, 3));
            case REPLACE -> new ReplaceVector(args.get(0), args.get(1), args.get(2));
            case REGEXP_REPLACE -> RegexReplaceVector.replace(args.get(0), regex(constantString(function, 1)), constantString(function, 2));
            case REGEXP_EXTRACT -> RegexReplaceVector.extract(args.get(0), regex(constantString(function, 1)), constantInt(function, 2));
            case LPAD -> new PadVector(args.get(0), args.get(1), args.get(2), true);
            case RPAD -> new PadVector(args.get(0), args.get(1), args.get(2), false);
            case INSTR -> new StringPositionVector(args.get(0), args.get(1), 1);
            case LOCATE -> new StringPositionVector(args.get(1), args.get(0), constantInt(function, 2));
            case CONCAT_WS -> new ConcatWsVector(args.get(0), args.subList(1, args.size()));
            case INITCAP -> new InitcapVector(args.get(0));
            case REVERSE -> new ReverseVector(args.get(0));
            case REPEAT -> new RepeatVector(args.get(0), args.get(1));
            case LEFT -> new SubstringVector(args.get(0), 1, Math.max(constantInt(function, 1), 0));
            // Spark's right(s, n) is substring(s, -n, n), and "" for n of 0 or less
            case RIGHT -> constantInt(function, 1) <= 0
                    ? new SubstringVector(args.get(0), 1, 0)
                    : new SubstringVector(args.get(0), -constantInt(function, 1), constantInt(function, 1));
            case ADD_MONTHS -> new AddMonthsVector(args.get(0), args.get(1));
            case MONTHS_BETWEEN -> new MonthsBetweenVector(args.get(0), args.get(1), (Boolean) ((Literal) function.argument(2)).value());
            case LAST_DAY -> new DateFunctionVector(args.get(0), DateFunctionVector.Function.LAST_DAY);
            case QUARTER -> new DateFunctionVector(args.get(0), DateFunctionVector.Function.QUARTER);
            case DAY_OF_WEEK -> new DateFunctionVector(args.get(0), DateFunctionVector.Function.DAY_OF_WEEK);
            case DAY_OF_YEAR -> new DateFunctionVector(args.get(0), DateFunctionVector.Function.DAY_OF_YEAR);
            case WEEK_OF_YEAR -> new DateFunctionVector(args.get(0), DateFunctionVector.Function.WEEK_OF_YEAR);
            case TRUNC -> new DateFunctionVector(args.get(0), DateFunctionVector.truncation(constantString(function, 1)));
            case DATE_TRUNC -> new DateTruncVector(args.get(1), constantString(function, 0));
            case DATE_FORMAT -> new DateFormatVector(args.get(0), DateTimePattern.parse(constantString(function, 1)));
            case TO_DATE -> new ToDateVector(args.get(0), DateTimePattern.parse(constantString(function, 1)));
        };
    }

    private static VectorExpression round(ScalarFunction function, List<VectorExpression> args, RoundVector.Mode mode)
    {
        int scale = function.arguments().size() > 1 ? constantInt(function, 1) : 0;
        return new RoundVector(args.get(0), function.argument(0).type(), function.type(), scale, mode);
    }

    private static Pattern regex(String regex)
    {
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern '" + regex + "' is not a valid Java regular expression: " + e.getDescription(), e);
        }
    }

    private static int constantInt(ScalarFunction function, int index)
    {
        return (Integer) ((Literal) function.argument(index)).value();
    }

    private static String constantString(ScalarFunction function)
    {
        return constantString(function, 1);
    }

    private static String constantString(ScalarFunction function, int index)
    {
        return (String) ((Literal) function.argument(index)).value();
    }
}
