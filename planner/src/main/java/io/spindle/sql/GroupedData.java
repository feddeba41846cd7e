package io.spindle.sql;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The result of {@code groupBy}: call {@link #agg} to say what to compute per group. */
public final class GroupedData
{
    private final DataFrame input;
    private final List<Expression> keys;

    GroupedData(DataFrame input, List<Expression> keys)
    {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
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
        return new DataFrame(input.session(), new Aggregate(input.logicalPlan(), keys, resolved));
    }

    public DataFrame count()
    {
        return agg(functions.count("*").as("count"));
    }
}
