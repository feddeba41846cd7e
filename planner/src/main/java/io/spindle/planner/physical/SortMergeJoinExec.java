package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An equi-join by merging: both inputs are hashed on their keys into the same partitions and sorted ascending
 * (nulls first) on them within each partition, so a task walks both in step and holds only the right side's rows
 * of one key at a time. {@code leftKeys} are expressions over the left input, {@code rightKeys} over the right,
 * pairwise of one type; rows whose keys are equal (none null) are candidates, and {@code residual}, over the
 * left's columns followed by the right's, must also hold for a pair to match. Spark's SortMergeJoinExec.
 */
public final class SortMergeJoinExec
        extends PhysicalPlan
{
    private final PhysicalPlan left;
    private final PhysicalPlan right;
    private final JoinType type;
    private final List<Expression> leftKeys;
    private final List<Expression> rightKeys;
    private final Optional<Expression> residual;

    public SortMergeJoinExec(PhysicalPlan left, PhysicalPlan right, JoinType type, List<Expression> leftKeys, List<Expression> rightKeys,
            Optional<Expression> residual)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.type = requireNonNull(type, "type is null");
        this.leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
        this.rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
        this.residual = requireNonNull(residual, "residual is null");
        if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("a sort-merge join needs as many left keys as right keys, at least one: " + leftKeys + " vs " + rightKeys);
        }
    }

    public PhysicalPlan left()
    {
        return left;
    }

    public PhysicalPlan right()
    {
        return right;
    }

    public JoinType type()
    {
        return type;
    }

    public List<Expression> leftKeys()
    {
        return leftKeys;
    }

    public List<Expression> rightKeys()
    {
        return rightKeys;
    }

    public Optional<Expression> residual()
    {
        return residual;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new SortMergeJoinExec(children.get(0), children.get(1), type, leftKeys, rightKeys, residual);
    }

    @Override
    public Schema schema()
    {
        return Join.outputSchema(left.schema(), right.schema(), type);
    }

    /** Both sides hashed on their keys into the same partitions. */
    @Override
    public List<Distribution> requiredChildDistributions()
    {
        return List.of(new Distribution.HashClustered(leftKeys), new Distribution.HashClustered(rightKeys));
    }

    /** Each side ascending on its keys, nulls first, within each partition. */
    @Override
    public List<List<SortOrder>> requiredChildOrderings()
    {
        return List.of(Orderings.ascending(leftKeys), Orderings.ascending(rightKeys));
    }

    /**
     * Once both sides are hashed alike, the spread of a side whose key columns never come out null-extended: the
     * left's, or the right's for a right join; none for a full join. Unknown before exchanges are added.
     */
    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        if (!coPartitioned() || type == JoinType.FULL_OUTER) {
            return Optional.empty();
        }
        if (type == JoinType.RIGHT_OUTER) {
            return PartitionKeys.shifted(right.outputPartitioning(), left.schema().size());
        }
        return left.outputPartitioning();
    }

    /**
     * Rows come out in the order of the side whose keys are never null-extended, as the merge walks it: the
     * left's keys, or the right's for a right join; none for a full join, whose keys come from either side.
     */
    @Override
    public List<SortOrder> outputOrdering()
    {
        if (type == JoinType.FULL_OUTER) {
            return List.of();
        }
        if (type == JoinType.RIGHT_OUTER) {
            List<SortOrder> rightOrder = right.outputOrdering();
            if (!Orderings.satisfies(rightOrder, Orderings.ascending(rightKeys))) {
                return List.of();
            }
            return Orderings.shifted(rightOrder.subList(0, rightKeys.size()), left.schema().size());
        }
        List<SortOrder> leftOrder = left.outputOrdering();
        return Orderings.satisfies(leftOrder, Orderings.ascending(leftKeys)) ? List.copyOf(leftOrder.subList(0, leftKeys.size())) : List.of();
    }

    private boolean coPartitioned()
    {
        Optional<Partitioning> leftPartitioning = left.outputPartitioning();
        Optional<Partitioning> rightPartitioning = right.outputPartitioning();
        return new Distribution.HashClustered(leftKeys).satisfiedBy(leftPartitioning)
                && new Distribution.HashClustered(rightKeys).satisfiedBy(rightPartitioning)
                && leftPartitioning.get().numPartitions() == rightPartitioning.get().numPartitions();
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitSortMergeJoin(this, context);
    }

    @Override
    public String describe()
    {
        return "SortMergeJoin " + type.sqlName() + " " + leftKeys + " = " + rightKeys + residual.map(r -> " residual " + r).orElse("");
    }
}
