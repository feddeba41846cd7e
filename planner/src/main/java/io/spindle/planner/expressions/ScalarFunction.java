package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A call of a built-in scalar function with Spark's name and semantics. It starts unresolved (no type); the
 * analyzer checks and casts its arguments and fixes its type. Functions that take a constant (a pattern, a
 * position) hold it as a {@link Literal} argument.
 */
public final class ScalarFunction
        extends Expression
{
    public enum Name
    {
        COALESCE, CONCAT, UPPER, LOWER, TRIM, LENGTH, SUBSTRING,
        STARTS_WITH("startswith"), ENDS_WITH("endswith"), CONTAINS, LIKE, RLIKE,
        YEAR, MONTH, DAY_OF_MONTH("dayofmonth"), DATE_ADD, DATE_SUB, DATE_DIFF("datediff"),
        ABS, ROUND, BROUND, FLOOR, CEIL, SQRT, EXP, LN, LOG, LOG10, POW, PMOD, SIGNUM, GREATEST, LEAST,
        NVL, IFNULL, NULLIF, NVL2,
        REPLACE, REGEXP_REPLACE, REGEXP_EXTRACT, LPAD, RPAD, LTRIM, RTRIM, INSTR, LOCATE, CONCAT_WS, INITCAP, REVERSE, REPEAT,
        LEFT, RIGHT,
        ADD_MONTHS, MONTHS_BETWEEN, LAST_DAY, TRUNC, DATE_TRUNC, QUARTER, DAY_OF_WEEK("dayofweek"), DAY_OF_YEAR("dayofyear"),
        WEEK_OF_YEAR("weekofyear"), DATE_FORMAT, TO_DATE;

        private final String sqlName;

        Name()
        {
            this.sqlName = name().toLowerCase(Locale.ROOT);
        }

        Name(String sqlName)
        {
            this.sqlName = sqlName;
        }

        public String sqlName()
        {
            return sqlName;
        }
    }

    private final Name name;
    private final List<Expression> arguments;
    private final DataType type;

    public ScalarFunction(Name name, List<Expression> arguments)
    {
        this(name, arguments, null);
    }

    /** A resolved call; {@code type} is null only before analysis. */
    public ScalarFunction(Name name, List<Expression> arguments, DataType type)
    {
        this.name = requireNonNull(name, "name is null");
        this.arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        this.type = type;
    }

    public Name name()
    {
        return name;
    }

    public List<Expression> arguments()
    {
        return arguments;
    }

    public Expression argument(int index)
    {
        return arguments.get(index);
    }

    @Override
    public List<Expression> children()
    {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new ScalarFunction(name, children, type);
    }

    @Override
    public boolean resolved()
    {
        return type != null && super.resolved();
    }

    @Override
    public DataType type()
    {
        if (type == null) {
            throw new IllegalStateException("unresolved " + this + " has no type yet");
        }
        return type;
    }

    @Override
    public boolean nullable()
    {
        return switch (name) {
            case COALESCE, NVL, IFNULL, GREATEST, LEAST -> arguments.stream().allMatch(Expression::nullable);
            case NVL2 -> argument(1).nullable() || argument(2).nullable();
            case CONCAT_WS -> argument(0).nullable();
            // null for a non-positive argument, a divisor of zero, an unknown unit or an unparsable string, as in Spark
            case NULLIF, LN, LOG, LOG10, PMOD, TRUNC, DATE_TRUNC, TO_DATE -> true;
            default -> arguments.stream().anyMatch(Expression::nullable);
        };
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitScalarFunction(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof ScalarFunction other && name == other.name && arguments.equals(other.arguments) && Objects.equals(type, other.type);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, arguments, type);
    }

    @Override
    public String defaultName()
    {
        return switch (name) {
            case LIKE, RLIKE -> argument(0).defaultName() + " " + name.name() + " " + argument(1).defaultName();
            default -> name.sqlName() + "(" + arguments.stream().map(Expression::defaultName).collect(Collectors.joining(", ")) + ")";
        };
    }

    @Override
    public String toString()
    {
        return name.sqlName() + "(" + arguments.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
}
