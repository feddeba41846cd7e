package io.spindle.runtime.testing;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;

import java.util.List;

/** Short names for building unresolved expressions, and evaluation the way an operator does it. */
public final class Expressions
{
    private Expressions()
    {
    }

    public static Expression col(String name)
    {
        return new UnresolvedColumn(name);
    }

    public static Expression lit(Object value)
    {
        return Literal.of(value);
    }

    public static Expression nullOf(DataType type)
    {
        return Literal.nullOf(type);
    }

    public static Expression arithmetic(Arithmetic.Operator operator, Expression left, Expression right)
    {
        return Arithmetic.unresolved(operator, left, right);
    }

    public static Expression compare(Comparison.Operator operator, Expression left, Expression right)
    {
        return new Comparison(operator, left, right);
    }

    public static Expression and(Expression left, Expression right)
    {
        return Logical.and(left, right);
    }

    public static Expression or(Expression left, Expression right)
    {
        return Logical.or(left, right);
    }

    public static Expression not(Expression child)
    {
        return new Not(child);
    }

    public static Expression isNull(Expression child)
    {
        return new IsNull(child);
    }

    public static Expression cast(Expression child, DataType type)
    {
        return new Cast(child, type);
    }

    public static Expression resolve(Expression unresolved, Schema schema)
    {
        return ExpressionAnalyzer.resolve(unresolved, schema);
    }

    /**
     * Resolves {@code unresolved} against {@code schema}, compiles it and evaluates it over {@code batch}. Checks
     * what every vector expression promises: one value per row, of the type the analyzer gave the expression.
     */
    public static ColumnVector evaluate(Expression unresolved, Schema schema, ColumnBatch batch)
    {
        Expression resolved = resolve(unresolved, schema);
        ColumnVector out = ExpressionCompiler.compile(resolved).evaluate(batch);
        if (out.size() != batch.rowCount()) {
            throw new AssertionError(resolved + " gave " + out.size() + " values for " + batch.rowCount() + " rows");
        }
        if (!out.type().equals(resolved.type())) {
            throw new AssertionError(resolved + " is typed " + resolved.type() + " but its vector is " + out.type());
        }
        return out;
    }

    public static List<Object> evaluateValues(Expression unresolved, Schema schema, ColumnBatch batch)
    {
        return Batches.values(evaluate(unresolved, schema, batch));
    }
}
