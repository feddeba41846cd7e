package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.source.RowGroupFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Records on a file scan the conjuncts of the filter above it that the scan can check against row-group
 * statistics ({@link RowGroupFilter#canUse}), with their columns renumbered to positions of the file schema.
 * The filter stays: statistics only tell which row groups cannot match, not which rows do.
 */
public final class PushFilterIntoScan
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof FileRelation scan)) {
            return node;
        }
        List<Expression> pushed = new ArrayList<>(scan.pushedFilters());
        for (Expression conjunct : Predicates.conjuncts(filter.condition())) {
            if (!Predicates.deterministic(conjunct)) {
                continue;
            }
            Expression onFile = conjunct.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(scan.columns().get(ref.index())) : e);
            if (RowGroupFilter.canUse(onFile) && !pushed.contains(onFile)) {
                pushed.add(onFile);
            }
        }
        if (pushed.size() == scan.pushedFilters().size()) {
            return node;
        }
        return new Filter(scan.withPushedFilters(pushed), filter.condition());
    }
}
