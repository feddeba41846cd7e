package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.logical.Window;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Computes window expressions that share partition and order keys over an input partition sorted by
 * (partition keys, order keys), in which all rows of a window partition sit in the same task; appends one
 * column per expression to the input's columns.
 */
public final class WindowExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final List<WindowExpression> windowExpressions;

    public WindowExec(PhysicalPlan child, List<WindowExpression> windowExpressions)
    {
        this.child = requireNonNull(child, "child is null");
        this.windowExpressions = List.copyOf(requireNonNull(windowExpressions, "windowExpressions is null"));
        if (windowExpressions.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one window expression");
        }
    }

    public PhysicalPlan child()
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
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new WindowExec(children.get(0), windowExpressions);
    }

    @Override
    public Schema schema()
    {
        return Window.schemaOf(child.schema(), windowExpressions);
    }

    /** The input's columns pass through at their positions, so their spread does too. */
    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return child.outputPartitioning();
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitWindow(this, context);
    }

    @Override
    public String describe()
    {
        return "Window " + windowExpressions;
    }
}
