package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** {@code left op right}, a boolean that is null when either side is null. */
public final class Comparison
        extends Expression
{
    public enum Operator
    {
        EQUAL("="), NOT_EQUAL("!="), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="), GREATER_THAN(">"), GREATER_THAN_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol)
        {
            this.symbol = symbol;
        }

        public String symbol()
        {
            return symbol;
        }
    }

    private final Operator operator;
    private final Expression left;
    private final Expression right;

    public Comparison(Operator operator, Expression left, Expression right)
    {
        this.operator = requireNonNull(operator, "operator is null");
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
    }

    public Operator operator()
    {
        return operator;
    }

    public Expression left()
    {
        return left;
    }

    public Expression right()
    {
        return right;
    }

    @Override
    public List<Expression> children()
    {
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new Comparison(operator, children.get(0), children.get(1));
    }

    @Override
    public DataType type()
    {
        return DataType.BOOLEAN;
    }

    @Override
    public boolean nullable()
    {
        return left.nullable() || right.nullable();
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitComparison(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Comparison other && operator == other.operator && left.equals(other.left) && right.equals(other.right);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(operator, left, right);
    }

    @Override
    public String defaultName()
    {
        return "(" + left.defaultName() + " " + operator.symbol() + " " + right.defaultName() + ")";
    }

    @Override
    public String toString()
    {
        return "(" + left + " " + operator.symbol() + " " + right + ")";
    }
}
