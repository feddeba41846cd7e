package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An equi-join by hashing: the {@code buildSide} input is held in a hash table on its keys and the other
 * input streams past it. {@code leftKeys} are expressions over the left input, {@code rightKeys} over the
 * right, pairwise of one type; rows whose keys are equal (none null) are candidates, and {@code residual},
 * over the left's columns followed by the right's, must also hold for a pair to match. Both inputs are
 * partitioned alike (hash-exchanged on their keys) or the build side is in every partition (broadcast).
 */
public final class HashJoinExec
        extends PhysicalPlan
{
    public enum BuildSide
    {
        LEFT, RIGHT
    }

    private final PhysicalPlan left;
    private final PhysicalPlan right;
    private final JoinType type;
    private final List<Expression> leftKeys;
    private final List<Expression> rightKeys;
    private final Optional<Expression> residual;
    private final BuildSide buildSide;

    public HashJoinExec(PhysicalPlan left, PhysicalPlan right, JoinType type, List<Expression> leftKeys, List<Expression> rightKeys,
            Optional<Expression> residual, BuildSide buildSide)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.type = requireNonNull(type, "type is null");
        this.leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
        this.rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
        this.residual = requireNonNull(residual, "residual is null");
        this.buildSide = requireNonNull(buildSide, "buildSide is null");
        if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("a hash join needs as many left keys as right keys, at least one: " + leftKeys + " vs " + rightKeys);
        }
        if (buildSide == BuildSide.LEFT && (type.keepsUnmatchedLeft() || !type.outputsRight())) {
            throw new IllegalArgumentException("a " + type.sqlName() + " join cannot build its left side");
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

    public BuildSide buildSide()
    {
        return buildSide;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new HashJoinExec(children.get(0), children.get(1), type, leftKeys, rightKeys, residual, buildSide);
    }

    @Override
    public Schema schema()
    {
        return Join.outputSchema(left.schema(), right.schema(), type);
    }

    /**
     * A broadcast join keeps its streamed side's spread; a shuffled one keeps that of a side whose key columns
     * never come out null-extended (not a full join's), once both sides are hashed alike on their keys; until
     * then (as the planner builds it, before exchanges are added) the spread is unknown. The right side's
     * columns follow the left's in the output.
     */
    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        if (!(left instanceof BroadcastExchangeExec) && !(right instanceof BroadcastExchangeExec) && !coPartitioned()) {
            return Optional.empty();
        }
        if (left instanceof BroadcastExchangeExec || type == JoinType.RIGHT_OUTER) {
            return PartitionKeys.shifted(right.outputPartitioning(), left.schema().size());
        }
        if (type == JoinType.FULL_OUTER && !(right instanceof BroadcastExchangeExec)) {
            return Optional.empty();
        }
        return left.outputPartitioning();
    }

    private boolean coPartitioned()
    {
        Optional<Partitioning> leftPartitioning = left.outputPartitioning();
        Optional<Partitioning> rightPartitioning = right.outputPartitioning();
        return new Distribution.HashClustered(leftKeys).satisfiedBy(leftPartitioning)
                && new Distribution.HashClustered(rightKeys).satisfiedBy(rightPartitioning)
                && leftPartitioning.get().numPartitions() == rightPartitioning.get().numPartitions();
    }

    /** Unless one side is broadcast, both sides must be hashed on their keys into the same partitions. */
    @Override
    public List<Distribution> requiredChildDistributions()
    {
        if (left instanceof BroadcastExchangeExec || right instanceof BroadcastExchangeExec) {
            return List.of(Distribution.UNSPECIFIED, Distribution.UNSPECIFIED);
        }
        return List.of(new Distribution.HashClustered(leftKeys), new Distribution.HashClustered(rightKeys));
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitHashJoin(this, context);
    }

    @Override
    public String describe()
    {
        return "HashJoin " + type.sqlName() + " " + leftKeys + " = " + rightKeys + residual.map(r -> " residual " + r).orElse("")
                + " build " + buildSide.name().toLowerCase(java.util.Locale.ROOT);
    }
}
