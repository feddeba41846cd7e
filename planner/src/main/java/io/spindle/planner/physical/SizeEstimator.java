package io.spindle.planner.physical;

import io.spindle.planner.logical.BroadcastHint;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;

import java.util.OptionalLong;

/**
 * A rough upper bound of the bytes a logical plan produces, to decide whether a join side is small enough to
 * broadcast: a scan counts its files' bytes in proportion to the columns it reads, filters and projections
 * count as their input, and a join counts both inputs only while both are under {@code smallBytes}.
 * Aggregations and node kinds it does not know are unknown, which callers treat as large.
 */
final class SizeEstimator
{
    private SizeEstimator()
    {
    }

    static OptionalLong estimate(LogicalPlan plan, long smallBytes)
    {
        if (plan instanceof FileRelation relation) {
            int fileColumns = relation.source().schema().size();
            long bytes = relation.source().totalBytes();
            return OptionalLong.of(fileColumns == 0 ? bytes : (long) ((double) bytes * relation.columns().size() / fileColumns));
        }
        if (plan instanceof Filter || plan instanceof Project || plan instanceof Sort || plan instanceof Limit || plan instanceof BroadcastHint
                || plan instanceof SubqueryAlias) {
            return estimate(plan.children().get(0), smallBytes);
        }
        if (plan instanceof Join join) {
            OptionalLong left = estimate(join.left(), smallBytes);
            OptionalLong right = estimate(join.right(), smallBytes);
            if (left.isPresent() && right.isPresent() && left.getAsLong() <= smallBytes && right.getAsLong() <= smallBytes) {
                return OptionalLong.of(left.getAsLong() + right.getAsLong());
            }
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Whether the user hinted that {@code plan} be broadcast, looking through row-wise nodes above the hint. */
    static boolean hintedBroadcast(LogicalPlan plan)
    {
        if (plan instanceof BroadcastHint) {
            return true;
        }
        if (plan instanceof Filter || plan instanceof Project || plan instanceof SubqueryAlias) {
            return hintedBroadcast(plan.children().get(0));
        }
        return false;
    }
}
