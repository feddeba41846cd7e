package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code left op right}, a boolean that is null when either side is null. */
public final class Comparison
        extends BinaryExpression
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

    public Comparison(Operator operator, Expression left, Expression right)
    {
        super(left, right);
        this.operator = requireNonNull(operator, "operator is null");
    }

    public Operator operator()
    {
        return operator;
    }

    @Override
    protected String symbol()
    {
        return operator.symbol();
    }

    @Override
    protected Object operatorKey()
    {
        return operator;
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
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitComparison(this, context);
    }
}
