package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The user's hint, with Spark's names, on how a join that reads {@code child} should treat it:
 * {@code broadcast} sends it whole to every task of the join ({@code df.hint("broadcast")},
 * {@code functions.broadcast(df)}); {@code shuffle_hash} shuffles both sides and builds the hash table from
 * this one, unless the other side is hinted for broadcast, which wins as in Spark; {@code merge} shuffles and
 * sorts both sides for a sort-merge join, and wins over {@code shuffle_hash} but not over {@code broadcast}, as in
 * Spark. Changes no rows.
 */
public final class JoinHint
        extends LogicalPlan
{
    public enum Strategy
    {
        BROADCAST, SHUFFLE_HASH, MERGE;

        public String sparkName()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Strategy strategy;
    private final LogicalPlan child;

    public JoinHint(Strategy strategy, LogicalPlan child)
    {
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.child = requireNonNull(child, "child is null");
    }

    public static JoinHint broadcast(LogicalPlan child)
    {
        return new JoinHint(Strategy.BROADCAST, child);
    }

    public static JoinHint shuffleHash(LogicalPlan child)
    {
        return new JoinHint(Strategy.SHUFFLE_HASH, child);
    }

    public static JoinHint merge(LogicalPlan child)
    {
        return new JoinHint(Strategy.MERGE, child);
    }

    public Strategy strategy()
    {
        return strategy;
    }

    public LogicalPlan child()
    {
        return child;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new JoinHint(strategy, children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitJoinHint(this, context);
    }

    @Override
    public String describe()
    {
        return "JoinHint " + strategy.sparkName();
    }
}
