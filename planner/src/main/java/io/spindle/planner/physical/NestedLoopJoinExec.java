package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A join that tries every pair: the {@code buildSide} input is held in memory and each row of the other is
 * paired with all of its rows; {@code condition} (over the left's columns followed by the right's; empty for
 * a cross join) decides which pairs match. The build side is broadcast to every task, or both inputs are
 * gathered into one task.
 */
public final class NestedLoopJoinExec
        extends PhysicalPlan
{
    private final PhysicalPlan left;
    private final PhysicalPlan right;
    private final JoinType type;
    private final Optional<Expression> condition;
    private final HashJoinExec.BuildSide buildSide;

    public NestedLoopJoinExec(PhysicalPlan left, PhysicalPlan right, JoinType type, Optional<Expression> condition, HashJoinExec.BuildSide buildSide)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.type = requireNonNull(type, "type is null");
        this.condition = requireNonNull(condition, "condition is null");
        this.buildSide = requireNonNull(buildSide, "buildSide is null");
        if (buildSide == HashJoinExec.BuildSide.LEFT && (type.keepsUnmatchedLeft() || !type.outputsRight())) {
            throw new IllegalArgumentException("a " + type.sqlName() + " join cannot build its left side");
        }
    }

    public HashJoinExec.BuildSide buildSide()
    {
        return buildSide;
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

    public Optional<Expression> condition()
    {
        return condition;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new NestedLoopJoinExec(children.get(0), children.get(1), type, condition, buildSide);
    }

    @Override
    public Schema schema()
    {
        return Join.outputSchema(left.schema(), right.schema(), type);
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitNestedLoopJoin(this, context);
    }

    @Override
    public String describe()
    {
        return "NestedLoopJoin " + type.sqlName() + condition.map(c -> " " + c).orElse("") + " build "
                + buildSide.name().toLowerCase(java.util.Locale.ROOT);
    }
}
