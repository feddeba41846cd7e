package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A function that only has a meaning over a window: a ranking ({@code row_number}, {@code rank},
 * {@code dense_rank}) or an offset ({@code lag}, {@code lead}: the input {@code offset} rows before or after
 * the current one in its partition, else {@code default}, else null). Valid only inside a {@link WindowExpression}.
 */
public final class WindowFunction
        extends Expression
{
    public enum Kind
    {
        ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD;

        public boolean isRanking()
        {
            return this == ROW_NUMBER || this == RANK || this == DENSE_RANK;
        }

        public String sqlName()
        {
            return name().toLowerCase();
        }
    }

    private final Kind kind;
    private final Optional<Expression> input;
    private final int offset;
    private final Optional<Expression> defaultValue;

    private WindowFunction(Kind kind, Optional<Expression> input, int offset, Optional<Expression> defaultValue)
    {
        this.kind = requireNonNull(kind, "kind is null");
        this.input = requireNonNull(input, "input is null");
        this.offset = offset;
        this.defaultValue = requireNonNull(defaultValue, "defaultValue is null");
        if (kind.isRanking() != input.isEmpty()) {
            throw new IllegalArgumentException(kind.sqlName() + (kind.isRanking() ? " takes no input" : " needs an input"));
        }
    }

    public static WindowFunction ranking(Kind kind)
    {
        return new WindowFunction(kind, Optional.empty(), 0, Optional.empty());
    }

    public static WindowFunction offset(Kind kind, Expression input, int offset, Optional<Expression> defaultValue)
    {
        return new WindowFunction(kind, Optional.of(input), offset, defaultValue);
    }

    public Kind kind()
    {
        return kind;
    }

    public Optional<Expression> input()
    {
        return input;
    }

    /** How many rows back ({@code lag}) or ahead ({@code lead}). */
    public int offset()
    {
        return offset;
    }

    public Optional<Expression> defaultValue()
    {
        return defaultValue;
    }

    /** Where the row {@code lag}/{@code lead} reads sits relative to the current one: negative before it. */
    public int signedOffset()
    {
        return kind == Kind.LAG ? -offset : offset;
    }

    public WindowFunction withDefaultValue(Optional<Expression> newDefault)
    {
        return new WindowFunction(kind, input, offset, newDefault);
    }

    @Override
    public List<Expression> children()
    {
        List<Expression> children = new ArrayList<>(2);
        input.ifPresent(children::add);
        defaultValue.ifPresent(children::add);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        if (kind.isRanking()) {
            return this;
        }
        return new WindowFunction(kind, Optional.of(children.get(0)), offset,
                children.size() > 1 ? Optional.of(children.get(1)) : Optional.empty());
    }

    @Override
    public DataType type()
    {
        return input.map(Expression::type).orElse(DataType.INT);
    }

    @Override
    public boolean nullable()
    {
        return !kind.isRanking();
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitWindowFunction(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof WindowFunction other && kind == other.kind && input.equals(other.input)
                && offset == other.offset && defaultValue.equals(other.defaultValue);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(kind, input, offset, defaultValue);
    }

    @Override
    public String defaultName()
    {
        if (kind.isRanking()) {
            return kind.sqlName() + "()";
        }
        return kind.sqlName() + "(" + input.get().defaultName() + ", " + offset + ", "
                + defaultValue.map(Expression::defaultName).orElse("NULL") + ")";
    }

    @Override
    public String toString()
    {
        if (kind.isRanking()) {
            return kind.sqlName() + "()";
        }
        return kind.sqlName() + "(" + input.get() + ", " + offset + defaultValue.map(d -> ", " + d).orElse("") + ")";
    }
}
