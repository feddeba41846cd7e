package io.spindle.planner.optimizer.rules;

import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;

import java.util.List;

/**
 * Limits the preserved side of a left or right outer join under a limit: each of its rows comes out at least
 * once, matched or padded, so count of them already give count rows, and a join has no order that would prefer
 * others. The top limit stays, since one row may match many. Inner, full and semi joins are left alone: there a
 * row of either side may come out not at all, so no side's first rows are enough.
 */
public final class PushLimitThroughOuterJoin
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Limit limit) || !(limit.child() instanceof Join join)) {
            return node;
        }
        if (join.type() == JoinType.LEFT_OUTER && !isLimited(join.left(), limit.count())) {
            return new Limit(join.replaceChildren(List.of(new Limit(join.left(), limit.count()), join.right())), limit.count());
        }
        if (join.type() == JoinType.RIGHT_OUTER && !isLimited(join.right(), limit.count())) {
            return new Limit(join.replaceChildren(List.of(join.left(), new Limit(join.right(), limit.count()))), limit.count());
        }
        return node;
    }

    private static boolean isLimited(LogicalPlan plan, long count)
    {
        return PushLimitThroughUnion.returnsAtMost(plan, count);
    }
}
