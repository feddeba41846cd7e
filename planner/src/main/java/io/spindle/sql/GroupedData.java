package io.spindle.sql;

import io.spindle.planner.analyzer.GroupingSets;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The result of {@code groupBy}, {@code rollup} or {@code cube}: call {@link #agg} to say what to compute per
 * group (per grouping set for the last two, with the keys a set leaves out null).
 */
public final class GroupedData
{
    private final DataFrame input;
    private final List<Expression> keys;
    private final Optional<List<List<Integer>>> groupingSets;

    GroupedData(DataFrame input, List<Expression> keys)
    {
        this(input, keys, Optional.empty());
    }

    GroupedData(DataFrame input, List<Expression> keys, Optional<List<List<Integer>>> groupingSets)
    {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
        this.groupingSets = requireNonNull(groupingSets, "groupingSets is null");
    }

    public DataFrame agg(Column... aggregates)
    {
        if (aggregates.length == 0) {
            throw new AnalysisException("agg needs at least one aggregate, e.g. agg(count(\"*\"))");
        }
        List<Expression> resolved = new ArrayList<>();
        for (Column column : aggregates) {
            Expression expression = input.resolve(column.expression());
            Expression call = expression instanceof Alias alias ? alias.child() : expression;
            if (!(call instanceof AggregateCall aggregateCall)) {
                throw new AnalysisException(expression.defaultName() + " in agg(...) is not an aggregate function call;"
                        + " write sum(...), avg(...), count(...), min(...) or max(...), and compute on their results with select afterwards");
            }
            if (aggregateCall.argument().isPresent()
                    && aggregateCall.argument().get().anyMatch(e -> e instanceof AggregateCall)) {
                throw new AnalysisException("aggregate functions cannot be nested: " + expression.defaultName());
            }
            resolved.add(expression);
        }
        if (groupingSets.isEmpty()) {
            return new DataFrame(input.session(), new Aggregate(input.logicalPlan(), keys, resolved));
        }
        LogicalPlan plan = input.logicalPlan();
        Expand expand = GroupingSets.expand(plan, keys, groupingSets.get());
        Aggregate aggregate = new Aggregate(expand, GroupingSets.aggregationKeys(expand, plan, keys.size()), resolved);
        // the keys and the aggregates, without the grouping id between them
        List<Expression> visible = new ArrayList<>();
        for (int i = 0; i < aggregate.schema().size(); i++) {
            if (i != keys.size()) {
                StructField field = aggregate.schema().field(i);
                visible.add(new ColumnRef(i, field.name(), field.type(), field.nullable()));
            }
        }
        return new DataFrame(input.session(), new Project(aggregate, visible));
    }

    /** The grouping keys, resolved against the input. */
    List<Expression> keys()
    {
        return keys;
    }

    public DataFrame count()
    {
        return agg(functions.count("*").as("count"));
    }
}
