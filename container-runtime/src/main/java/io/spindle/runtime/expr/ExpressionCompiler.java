package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.expressions.ScalarFunction;

import java.util.ArrayList;
import java.util.List;

/** Turns a resolved expression tree into a tree of {@link VectorExpression}s, once per operator. */
public final class ExpressionCompiler
{
    private ExpressionCompiler()
    {
    }

    public static VectorExpression compile(Expression expression)
    {
        if (!expression.resolved()) {
            throw new IllegalArgumentException("cannot compile unresolved expression " + expression);
        }
        if (expression instanceof ColumnRef ref) {
            int index = ref.index();
            return batch -> batch.column(index);
        }
        if (expression instanceof Alias alias) {
            return compile(alias.child());
        }
        if (expression instanceof Literal literal) {
            return new ConstantVector(literal);
        }
        if (expression instanceof Arithmetic arithmetic) {
            return new ArithmeticVector(arithmetic, compile(arithmetic.left()), compile(arithmetic.right()));
        }
        if (expression instanceof Comparison comparison) {
            return new ComparisonVector(comparison.operator(), compile(comparison.left()), compile(comparison.right()));
        }
        if (expression instanceof Logical logical) {
            return new LogicalVector(logical.operator(), compile(logical.left()), compile(logical.right()));
        }
        if (expression instanceof Not not) {
            return new NotVector(compile(not.child()));
        }
        if (expression instanceof IsNull isNull) {
            return new IsNullVector(compile(isNull.child()));
        }
        if (expression instanceof Cast cast) {
            return new CastVector(compile(cast.child()), cast.child().type(), cast.type());
        }
        if (expression instanceof ScalarFunction function) {
            return ScalarFunctionCompiler.compile(function);
        }
        if (expression instanceof CaseWhen caseWhen) {
            List<VectorExpression> values = new ArrayList<>();
            caseWhen.values().forEach(v -> values.add(compile(v)));
            caseWhen.elseValue().ifPresent(v -> values.add(compile(v)));
            return new CaseWhenVector(caseWhen.type(), caseWhen.conditions().stream().map(ExpressionCompiler::compile).toList(), values);
        }
        throw new IllegalArgumentException("expression " + expression + " cannot run in an executor");
    }
}
