package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Union;
import io.spindle.planner.types.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies a deterministic filter over a UNION ALL onto each of its inputs, where it can travel further down to the
 * scans. The inputs of a union have the union's column types (the analyzer casts them), so the condition reads
 * each input's columns at the same positions.
 */
public final class PushFilterThroughUnion
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Union union) || !Predicates.deterministic(filter.condition())) {
            return node;
        }
        List<LogicalPlan> inputs = new ArrayList<>();
        for (LogicalPlan input : union.children()) {
            Schema inputSchema = input.schema();
            inputs.add(new Filter(input, Predicates.substitute(filter.condition(), i -> new ColumnRef(i, inputSchema.field(i).name(),
                    inputSchema.field(i).type(), inputSchema.field(i).nullable()))));
        }
        return union.replaceChildren(inputs);
    }
}
