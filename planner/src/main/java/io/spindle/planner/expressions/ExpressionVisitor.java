package io.spindle.planner.expressions;

/** Visits each kind of expression node; a visitor that does not care about a kind may fall back to {@link #visitExpression}. */
public interface ExpressionVisitor<R, C>
{
    R visitExpression(Expression node, C context);

    default R visitUnresolvedColumn(UnresolvedColumn node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitColumnRef(ColumnRef node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitLiteral(Literal node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitArithmetic(Arithmetic node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitComparison(Comparison node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitLogical(Logical node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitNot(Not node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitIsNull(IsNull node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitCast(Cast node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitAlias(Alias node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitAggregateCall(AggregateCall node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitScalarFunction(ScalarFunction node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitCaseWhen(CaseWhen node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitWindowFunction(WindowFunction node, C context)
    {
        return visitExpression(node, context);
    }

    default R visitWindowExpression(WindowExpression node, C context)
    {
        return visitExpression(node, context);
    }
}
