package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The reading side of an exchange inside a stage fragment: task {@code i} of the stage reads reduce
 * partition {@code i} of shuffle {@code shuffleId} from every map output.
 */
public final class ShuffleReadExec
        extends PhysicalPlan
{
    private final int shuffleId;
    private final Schema schema;
    private final int numPartitions;

    public ShuffleReadExec(int shuffleId, Schema schema, int numPartitions)
    {
        this.shuffleId = shuffleId;
        this.schema = requireNonNull(schema, "schema is null");
        this.numPartitions = numPartitions;
    }

    public int shuffleId()
    {
        return shuffleId;
    }

    public int numPartitions()
    {
        return numPartitions;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of();
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return this;
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitShuffleRead(this, context);
    }

    @Override
    public String describe()
    {
        return "ShuffleRead shuffle=" + shuffleId + " partitions=" + numPartitions;
    }
}
