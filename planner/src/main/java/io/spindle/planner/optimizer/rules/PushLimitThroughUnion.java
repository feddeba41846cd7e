package io.spindle.planner.optimizer.rules;

import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Union;

import java.util.ArrayList;
import java.util.List;

/**
 * Limits each input of a UNION ALL under a limit to the same count: no input can give more than that many of the
 * rows kept. The top limit stays, since together the inputs still give up to count times as many. An input
 * already limited to no more rows, even under a projection, is left alone, so the rule fires once.
 */
public final class PushLimitThroughUnion
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Limit limit) || !(limit.child() instanceof Union union)) {
            return node;
        }
        List<LogicalPlan> inputs = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan input : union.children()) {
            if (returnsAtMost(input, limit.count())) {
                inputs.add(input);
            }
            else {
                inputs.add(new Limit(input, limit.count()));
                changed = true;
            }
        }
        return changed ? new Limit(union.replaceChildren(inputs), limit.count()) : node;
    }

    /**
     * Whether {@code plan} is known to return no more than {@code count} rows: a limit, seen through the
     * projections and filters that {@link PushLimitThroughProject} and the filter rules put above it.
     */
    static boolean returnsAtMost(LogicalPlan plan, long count)
    {
        if (plan instanceof Limit limit) {
            return limit.count() <= count;
        }
        return (plan instanceof Project || plan instanceof Filter) && returnsAtMost(plan.children().get(0), count);
    }
}
