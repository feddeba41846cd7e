package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * All rows of every child, duplicates kept (SQL's UNION ALL). The children have the same column types, position
 * by position; the output takes the first child's names, and a column is nullable when any child's is.
 */
public final class Union
        extends LogicalPlan
{
    private final List<LogicalPlan> children;

    public Union(List<LogicalPlan> children)
    {
        this.children = List.copyOf(requireNonNull(children, "children is null"));
        if (this.children.size() < 2) {
            throw new IllegalArgumentException("a union needs at least two inputs");
        }
        Schema first = this.children.get(0).schema();
        for (LogicalPlan child : this.children) {
            Schema schema = child.schema();
            if (schema.size() != first.size()) {
                throw new IllegalArgumentException("union inputs have " + first.size() + " and " + schema.size() + " columns");
            }
            for (int i = 0; i < first.size(); i++) {
                if (!schema.field(i).type().equals(first.field(i).type())) {
                    throw new IllegalArgumentException("union column " + i + " is " + first.field(i).type() + " and " + schema.field(i).type());
                }
            }
        }
    }

    @Override
    public List<LogicalPlan> children()
    {
        return children;
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Union(children);
    }

    @Override
    public Schema schema()
    {
        Schema first = children.get(0).schema();
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            boolean nullable = false;
            for (LogicalPlan child : children) {
                nullable |= child.schema().field(i).nullable();
            }
            fields.add(new StructField(first.field(i).name(), first.field(i).type(), nullable));
        }
        return new Schema(fields);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitUnion(this, context);
    }

    @Override
    public String describe()
    {
        return "Union";
    }
}
