package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges a projection over a projection by inlining the inner expressions into the outer ones. Declines
 * when an inner expression that computes something (not a column or a literal) is used more than once
 * above, since inlining would compute it twice, or when an inlined expression is not deterministic.
 * Output columns keep their names.
 */
public final class CombineProjects
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Project outer) || !(outer.child() instanceof Project inner)) {
            return node;
        }
        List<Expression> innerExpressions = inner.expressions();
        int[] uses = new int[innerExpressions.size()];
        for (Expression expression : outer.expressions()) {
            expression.anyMatch(e -> {
                if (e instanceof ColumnRef ref) {
                    uses[ref.index()]++;
                }
                return false;
            });
        }
        for (int i = 0; i < uses.length; i++) {
            Expression inlined = Predicates.unalias(innerExpressions.get(i));
            if (uses[i] > 0 && !Predicates.deterministic(inlined)) {
                return node;
            }
            if (uses[i] > 1 && !(inlined instanceof ColumnRef || inlined instanceof Literal)) {
                return node;
            }
        }
        List<Expression> merged = new ArrayList<>(outer.expressions().size());
        for (Expression expression : outer.expressions()) {
            Expression next;
            if (expression instanceof ColumnRef ref) {
                next = innerExpressions.get(ref.index());
            }
            else {
                next = Predicates.substitute(expression, i -> Predicates.unalias(innerExpressions.get(i)));
            }
            if (!next.defaultName().equals(expression.defaultName())) {
                next = new Alias(Predicates.unalias(next), expression.defaultName());
            }
            merged.add(next);
        }
        return new Project(inner.child(), merged);
    }
}
