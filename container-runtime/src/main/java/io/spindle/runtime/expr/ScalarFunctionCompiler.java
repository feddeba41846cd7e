package io.spindle.runtime.expr;

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
            case TRIM -> new TrimVector(args.get(0));
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
        };
    }

    private static Pattern regex(String regex)
    {
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("rlike pattern '" + regex + "' is not a valid Java regular expression: " + e.getDescription(), e);
        }
    }

    private static int constantInt(ScalarFunction function, int index)
    {
        return (Integer) ((Literal) function.argument(index)).value();
    }

    private static String constantString(ScalarFunction function)
    {
        return (String) ((Literal) function.argument(1)).value();
    }
}
