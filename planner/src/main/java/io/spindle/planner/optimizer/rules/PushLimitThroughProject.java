package io.spindle.planner.optimizer.rules;

import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;

import java.util.List;

/**
 * Moves a limit below a projection: a projection maps row to row, so the first rows projected are the
 * projections of the first rows, and fewer rows get projected. A projection of an expression kind not known to
 * be deterministic keeps the limit above, where it sees the rows in the same order as before.
 */
public final class PushLimitThroughProject
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Limit limit) || !(limit.child() instanceof Project project)
                || !project.expressions().stream().allMatch(Predicates::deterministic)) {
            return node;
        }
        return project.replaceChildren(List.of(new Limit(project.child(), limit.count())));
    }
}
