package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Passes every input column through and appends one column per window expression. All expressions of one
 * node share its partition and order keys (each keeps its own frame); the analyzer stacks one node per
 * distinct pair of keys.
 */
public final class Window
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final List<WindowExpression> windowExpressions;

    public Window(LogicalPlan child, List<WindowExpression> windowExpressions)
    {
        this.child = requireNonNull(child, "child is null");
        this.windowExpressions = List.copyOf(requireNonNull(windowExpressions, "windowExpressions is null"));
        if (windowExpressions.isEmpty()) {
            throw new IllegalArgumentException("a window node needs at least one window expression");
        }
        WindowExpression first = windowExpressions.get(0);
        for (WindowExpression expression : windowExpressions) {
            if (!expression.partitionKeys().equals(first.partitionKeys()) || !expression.orderKeys().equals(first.orderKeys())) {
                throw new IllegalArgumentException("window expressions of one node must share partition and order keys: " + windowExpressions);
            }
        }
    }

    public LogicalPlan child()
    {
        return child;
    }

    public List<WindowExpression> windowExpressions()
    {
        return windowExpressions;
    }

    public List<Expression> partitionKeys()
    {
        return windowExpressions.get(0).partitionKeys();
    }

    public List<SortOrder> orderKeys()
    {
        return windowExpressions.get(0).orderKeys();
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Window(children.get(0), windowExpressions);
    }

    @Override
    public Schema schema()
    {
        return schemaOf(child.schema(), windowExpressions);
    }

    public static Schema schemaOf(Schema input, List<WindowExpression> windowExpressions)
    {
        List<StructField> fields = new ArrayList<>(input.fields());
        windowExpressions.forEach(e -> fields.add(new StructField(e.defaultName(), e.type(), e.nullable())));
        return new Schema(fields);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitWindow(this, context);
    }

    @Override
    public String describe()
    {
        return "Window " + windowExpressions;
    }
}
