package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Joins two inputs. {@code condition} refers to the left's columns by their positions and to the right's
 * by the left's width plus theirs; empty means every pair (a cross join). Output: the left's columns, then
 * the right's (none for semi and anti joins); a side whose unmatched rows the other side keeps becomes
 * nullable.
 */
public final class Join
        extends LogicalPlan
{
    private final LogicalPlan left;
    private final LogicalPlan right;
    private final JoinType type;
    private final Optional<Expression> condition;

    public Join(LogicalPlan left, LogicalPlan right, JoinType type, Optional<Expression> condition)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.type = requireNonNull(type, "type is null");
        this.condition = requireNonNull(condition, "condition is null");
    }

    public LogicalPlan left()
    {
        return left;
    }

    public LogicalPlan right()
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
    public List<LogicalPlan> children()
    {
        return List.of(left, right);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Join(children.get(0), children.get(1), type, condition);
    }

    @Override
    public Schema schema()
    {
        return outputSchema(left.schema(), right.schema(), type);
    }

    /** The output of a join of {@code left} and {@code right} of type {@code type}. */
    public static Schema outputSchema(Schema left, Schema right, JoinType type)
    {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : left.fields()) {
            fields.add(type.keepsUnmatchedRight() ? nullable(field) : field);
        }
        if (type.outputsRight()) {
            for (StructField field : right.fields()) {
                fields.add(type.keepsUnmatchedLeft() ? nullable(field) : field);
            }
        }
        return new Schema(fields);
    }

    /** Both sides' columns side by side: what a join condition is resolved against. */
    public static Schema conditionSchema(Schema left, Schema right)
    {
        List<StructField> fields = new ArrayList<>(left.fields());
        fields.addAll(right.fields());
        return new Schema(fields);
    }

    private static StructField nullable(StructField field)
    {
        return new StructField(field.name(), field.type(), true);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitJoin(this, context);
    }

    @Override
    public String describe()
    {
        return "Join " + type.sqlName() + condition.map(c -> " " + c).orElse("");
    }
}
