package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;

/**
 * Moves a filter below a projection, writing the projected expressions into the condition in place of the
 * columns they compute. Declines when the projection or the condition is not deterministic: filtering
 * first would change which rows those expressions are evaluated for.
 */
public final class PushFilterThroughProject
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Project project)
                || !Predicates.deterministic(filter.condition())
                || !project.expressions().stream().allMatch(Predicates::deterministic)) {
            return node;
        }
        Expression condition = Predicates.substitute(filter.condition(), i -> Predicates.unalias(project.expressions().get(i)));
        return new Project(new Filter(project.child(), condition), project.expressions());
    }
}
