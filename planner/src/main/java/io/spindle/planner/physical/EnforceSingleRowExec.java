package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Passes on the one row of its single-partition child and fails the task when there is a second. */
public final class EnforceSingleRowExec
        extends PhysicalPlan
{
    /** What the failure says, as Spark words it, so that users find the same advice. */
    public static final String TOO_MANY_ROWS = "more than one row returned by a subquery used as an expression;"
            + " make the subquery return one row, e.g. with an aggregate, a tighter WHERE or LIMIT 1";

    private final PhysicalPlan child;

    public EnforceSingleRowExec(PhysicalPlan child)
    {
        this.child = requireNonNull(child, "child is null");
    }

    public PhysicalPlan child()
    {
        return child;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new EnforceSingleRowExec(children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return Optional.of(new Partitioning.Single());
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitEnforceSingleRow(this, context);
    }

    @Override
    public String describe()
    {
        return "EnforceSingleRow";
    }
}
