package io.spindle.planner.optimizer;

import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.optimizer.rules.CombineFilters;
import io.spindle.planner.optimizer.rules.CombineProjects;
import io.spindle.planner.optimizer.rules.ConstantFolding;
import io.spindle.planner.optimizer.rules.EliminateOuterJoin;
import io.spindle.planner.optimizer.rules.ExtractCommonConjuncts;
import io.spindle.planner.optimizer.rules.InferFiltersFromJoinKeys;
import io.spindle.planner.optimizer.rules.NullPropagation;
import io.spindle.planner.optimizer.rules.PushFilterIntoJoinCondition;
import io.spindle.planner.optimizer.rules.PushFilterIntoScan;
import io.spindle.planner.optimizer.rules.PushFilterThroughAggregate;
import io.spindle.planner.optimizer.rules.PushFilterThroughJoin;
import io.spindle.planner.optimizer.rules.PushFilterThroughProject;
import io.spindle.planner.optimizer.rules.PushFilterThroughUnion;
import io.spindle.planner.optimizer.rules.PushImpliedPredicatesThroughJoin;
import io.spindle.planner.optimizer.rules.PushLimitThroughOuterJoin;
import io.spindle.planner.optimizer.rules.PushLimitThroughProject;
import io.spindle.planner.optimizer.rules.PushLimitThroughUnion;
import io.spindle.planner.optimizer.rules.RemoveRedundantSorts;
import io.spindle.planner.optimizer.rules.RemoveSubqueryAliases;
import io.spindle.planner.optimizer.rules.RemoveTrueFilter;
import io.spindle.planner.optimizer.rules.RewriteDistinctAggregates;
import io.spindle.planner.optimizer.rules.Rule;
import io.spindle.planner.optimizer.rules.SimplifyBooleans;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites an analyzed logical plan into a cheaper equivalent one: the rules run over every node, bottom-up,
 * pass after pass until a pass changes nothing (or {@link #MAX_PASSES} is reached, which only leaves the plan
 * less optimized); then each join is offered once to {@link PushImpliedPredicatesThroughJoin}, and when that
 * filters a side, the rules run again to push the new filters down; then unused columns are pruned down to the
 * scans, multi-way inner joins are reordered by their estimated cost, and the columns pruned again.
 */
public final class Optimizer
{
    static final int MAX_PASSES = 50;

    private static final List<Rule> RULES = List.of(
            new RemoveSubqueryAliases(),
            new RewriteDistinctAggregates(),
            new NullPropagation(),
            new ConstantFolding(),
            new SimplifyBooleans(),
            new ExtractCommonConjuncts(),
            new RemoveTrueFilter(),
            new CombineFilters(),
            new CombineProjects(),
            new PushFilterThroughProject(),
            new PushFilterThroughAggregate(),
            new PushFilterThroughUnion(),
            new EliminateOuterJoin(),
            new PushFilterThroughJoin(),
            new PushFilterIntoJoinCondition(),
            new InferFiltersFromJoinKeys(),
            new PushFilterIntoScan(),
            new RemoveRedundantSorts(),
            new PushLimitThroughProject(),
            new PushLimitThroughUnion(),
            new PushLimitThroughOuterJoin());

    /** Rules that would fire again on their own output, applied in one bottom-up pass only. */
    private static final List<Rule> ONCE = List.of(new PushImpliedPredicatesThroughJoin());

    private Optimizer()
    {
    }

    public static LogicalPlan optimize(LogicalPlan plan)
    {
        return optimize(plan, true);
    }

    /** @param reorderJoins whether to {@linkplain ReorderJoins reorder} multi-way inner joins by their estimated rows */
    public static LogicalPlan optimize(LogicalPlan plan, boolean reorderJoins)
    {
        return optimize(plan, reorderJoins, PhysicalPlanner.DEFAULT_BROADCAST_THRESHOLD);
    }

    /** @param broadcastThreshold the physical planner's, which the join order's cost counts on */
    public static LogicalPlan optimize(LogicalPlan plan, boolean reorderJoins, long broadcastThreshold)
    {
        LogicalPlan rewritten = applyRules(plan, RULES);
        LogicalPlan once = rewritten;
        for (Rule rule : ONCE) {
            once = applyEverywhere(once, rule);
        }
        if (once != rewritten) {
            rewritten = applyRules(once, RULES);
        }
        // pruned before the reordering too, so that its estimates of which sides are small enough to broadcast count
        // only the columns the query reads
        LogicalPlan pruned = PruneColumns.apply(rewritten);
        return reorderJoins ? PruneColumns.apply(ReorderJoins.apply(pruned, broadcastThreshold)) : pruned;
    }

    /** Applies {@code rules} to a fixed point. */
    public static LogicalPlan applyRules(LogicalPlan plan, List<Rule> rules)
    {
        LogicalPlan current = plan;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            LogicalPlan next = current;
            for (Rule rule : rules) {
                next = applyEverywhere(next, rule);
            }
            if (next == current) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static LogicalPlan applyEverywhere(LogicalPlan node, Rule rule)
    {
        List<LogicalPlan> children = node.children();
        LogicalPlan rebuilt = node;
        if (!children.isEmpty()) {
            List<LogicalPlan> rewritten = new ArrayList<>(children.size());
            boolean changed = false;
            for (LogicalPlan child : children) {
                LogicalPlan next = applyEverywhere(child, rule);
                changed |= next != child;
                rewritten.add(next);
            }
            if (changed) {
                rebuilt = node.replaceChildren(rewritten);
            }
        }
        return rule.apply(rebuilt);
    }
}
