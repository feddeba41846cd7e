package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moves the conjuncts of a filter over an aggregation that read only grouping keys below it, where they
 * drop rows before they are grouped; the other conjuncts stay above. Declines for a global aggregation (no
 * keys): it yields one row even for no input, so a filter below would not be the same as one above.
 */
public final class PushFilterThroughAggregate
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Aggregate aggregate)
                || aggregate.groupingKeys().isEmpty()
                || !aggregate.groupingKeys().stream().allMatch(Predicates::deterministic)) {
            return node;
        }
        int keys = aggregate.groupingKeys().size();
        List<Expression> pushed = new ArrayList<>();
        List<Expression> kept = new ArrayList<>();
        for (Expression conjunct : Predicates.conjuncts(filter.condition())) {
            BitSet references = Predicates.references(conjunct);
            if (Predicates.deterministic(conjunct) && references.nextSetBit(keys) < 0) {
                pushed.add(Predicates.substitute(conjunct, i -> Predicates.unalias(aggregate.groupingKeys().get(i))));
            }
            else {
                kept.add(conjunct);
            }
        }
        if (pushed.isEmpty()) {
            return node;
        }
        LogicalPlan below = new Aggregate(new Filter(aggregate.child(), Predicates.and(pushed)), aggregate.groupingKeys(), aggregate.aggregates());
        return kept.isEmpty() ? below : new Filter(below, Predicates.and(kept));
    }
}
