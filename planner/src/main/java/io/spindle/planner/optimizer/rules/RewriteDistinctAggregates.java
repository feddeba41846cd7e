package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an aggregation with {@code count(DISTINCT x)} into two: the inner one groups by the keys and {@code x}
 * (so each distinct value is one row) and computes the other aggregates partially; the outer one groups by the
 * keys, counts the non-null {@code x} rows and merges the partial aggregates (a sum of sums, a sum of counts, a
 * min of mins). A projection on top restores the original types and names (a count over no groups is 0, not
 * null). Every distinct count in one aggregation must be over the same expression, and {@code avg} cannot sit
 * beside it; both fail with a message saying what to do instead.
 */
public final class RewriteDistinctAggregates
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Aggregate aggregate)) {
            return node;
        }
        List<AggregateCall> calls = aggregate.aggregates().stream().map(RewriteDistinctAggregates::call).toList();
        Expression distinct = null;
        for (AggregateCall call : calls) {
            if (call.function() != AggregateFunction.COUNT_DISTINCT) {
                continue;
            }
            Expression argument = call.argument().orElseThrow();
            if (distinct != null && !distinct.equals(argument)) {
                throw new UnsupportedOperationException("count(DISTINCT) of different expressions (" + distinct.defaultName() + " and "
                        + argument.defaultName() + ") in one aggregation is not supported yet; aggregate each in its own groupBy and join the results");
            }
            distinct = argument;
        }
        if (distinct == null) {
            return node;
        }
        int keys = aggregate.groupingKeys().size();
        List<Expression> innerKeys = new ArrayList<>(aggregate.groupingKeys());
        innerKeys.add(distinct);
        List<Expression> partials = new ArrayList<>();
        int[] partialColumn = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            if (call.function() == AggregateFunction.AVG) {
                throw new UnsupportedOperationException("avg(" + call.argument().orElseThrow().defaultName() + ") beside count(DISTINCT "
                        + distinct.defaultName() + ") is not supported yet; use sum and count and divide");
            }
            if (call.function() != AggregateFunction.COUNT_DISTINCT) {
                partialColumn[i] = keys + 1 + partials.size();
                partials.add(new Alias(call, "partial_" + i));
            }
        }
        Aggregate inner = new Aggregate(aggregate.child(), innerKeys, partials);
        Schema innerSchema = inner.schema();
        Schema original = aggregate.schema();

        List<Expression> outerKeys = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            outerKeys.add(reference(innerSchema, k, original.field(k).name()));
        }
        List<Expression> outerAggregates = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            String name = original.field(keys + i).name();
            Expression merged = switch (call.function()) {
                case COUNT_DISTINCT -> new AggregateCall(AggregateFunction.COUNT, Optional.of(reference(innerSchema, keys, "distinct")));
                case SUM, COUNT, COUNT_STAR -> new AggregateCall(AggregateFunction.SUM, Optional.of(reference(innerSchema, partialColumn[i], name)));
                case MIN, MAX, FIRST -> new AggregateCall(call.function(), Optional.of(reference(innerSchema, partialColumn[i], name)));
                case AVG -> throw new IllegalStateException("avg was refused above");
            };
            outerAggregates.add(new Alias(merged, name));
        }
        Aggregate outer = new Aggregate(inner, outerKeys, outerAggregates);

        Schema outerSchema = outer.schema();
        List<Expression> restored = new ArrayList<>();
        boolean changed = false;
        for (int c = 0; c < original.size(); c++) {
            StructField wanted = original.field(c);
            Expression column = reference(outerSchema, c, wanted.name());
            AggregateFunction function = c < keys ? null : calls.get(c - keys).function();
            if (function == AggregateFunction.COUNT || function == AggregateFunction.COUNT_STAR) {
                column = new Alias(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(column, new Literal(0L, DataType.LONG)), DataType.LONG), wanted.name());
                changed = true;
            }
            else if (!outerSchema.field(c).type().equals(wanted.type())) {
                column = new Alias(new Cast(column, wanted.type()), wanted.name());
                changed = true;
            }
            restored.add(column);
        }
        return changed ? new Project(outer, restored) : outer;
    }

    private static AggregateCall call(Expression aggregate)
    {
        Expression call = aggregate instanceof Alias alias ? alias.child() : aggregate;
        if (!(call instanceof AggregateCall aggregateCall)) {
            throw new IllegalStateException("aggregate output must be an aggregate call: " + aggregate);
        }
        return aggregateCall;
    }

    private static ColumnRef reference(Schema schema, int index, String name)
    {
        StructField field = schema.field(index);
        return new ColumnRef(index, name, field.type(), field.nullable());
    }
}
