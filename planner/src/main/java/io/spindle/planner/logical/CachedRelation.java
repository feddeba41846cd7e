package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;
import io.spindle.storage.StorageLevel;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a cached DataFrame ({@code cache()}/{@code persist()}): the cached plan, already optimized on its
 * own, stands in for the subtree it computes. A leaf to the optimizer, so rules do not rewrite what is cached;
 * the physical planner reads the executors' blocks where they all exist and otherwise computes the cached plan,
 * storing its partitions as it goes.
 */
public final class CachedRelation
        extends LogicalPlan
{
    private final int cacheId;
    private final StorageLevel level;
    private final LogicalPlan cachedPlan;

    public CachedRelation(int cacheId, StorageLevel level, LogicalPlan cachedPlan)
    {
        this.cacheId = cacheId;
        this.level = requireNonNull(level, "level is null");
        this.cachedPlan = requireNonNull(cachedPlan, "cachedPlan is null");
    }

    public int cacheId()
    {
        return cacheId;
    }

    public StorageLevel level()
    {
        return level;
    }

    /** The optimized plan whose rows are cached. */
    public LogicalPlan cachedPlan()
    {
        return cachedPlan;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of();
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        if (!children.isEmpty()) {
            throw new IllegalArgumentException("a cached relation has no children");
        }
        return this;
    }

    @Override
    public Schema schema()
    {
        return cachedPlan.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitCachedRelation(this, context);
    }

    @Override
    public String describe()
    {
        return "InMemoryRelation #" + cacheId + " " + schema().names() + ", " + level;
    }
}
