package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule that rewrites expressions node by node, bottom-up, in filters and projections. Other node kinds are
 * left alone: a grouping key's or sort key's expression also names a column or must match one elsewhere, and
 * node kinds added later may give their expressions meanings this rule does not know.
 */
abstract class ExpressionRule
        implements Rule
{
    /** The node rewritten, or the same instance when nothing applies. Children are already rewritten. */
    protected abstract Expression rewrite(Expression node);

    @Override
    public final LogicalPlan apply(LogicalPlan node)
    {
        if (node instanceof Filter filter) {
            Expression condition = filter.condition().transformUp(this::rewrite);
            return condition == filter.condition() ? filter : new Filter(filter.child(), condition);
        }
        if (node instanceof Project project) {
            List<Expression> rewritten = new ArrayList<>(project.expressions().size());
            boolean changed = false;
            for (Expression expression : project.expressions()) {
                Expression next = expression.transformUp(this::rewrite);
                if (next != expression) {
                    changed = true;
                    // the column keeps the name it had
                    if (!next.defaultName().equals(expression.defaultName())) {
                        next = new Alias(next, expression.defaultName());
                    }
                }
                rewritten.add(next);
            }
            return changed ? new Project(project.child(), rewritten) : project;
        }
        return node;
    }
}
