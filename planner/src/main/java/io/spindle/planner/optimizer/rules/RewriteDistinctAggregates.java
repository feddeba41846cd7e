package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the distinct aggregates ({@code count}, {@code sum} and {@code avg} of {@code DISTINCT x}) beside any others.
 * With one distinct argument and no plain {@code avg}, two aggregations: the inner one groups by the keys and
 * {@code x} (so each distinct value is one row) and computes the other aggregates partially; the outer one groups
 * by the keys, counts, sums or averages {@code x} and merges the partial aggregates (a sum of sums, a sum of
 * counts, a min of mins). Otherwise (distinct aggregates of several arguments, or a plain {@code avg} or
 * variance, which do not follow from the values of parts), one such aggregation per distinct
 * argument and one for the plain aggregates, joined on the grouping keys with nulls matching nulls (each has
 * one row per group, the same groups). A projection on top restores the original types, names and order (a
 * count over no groups is 0, not null).
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
        List<Expression> distinctArguments = new ArrayList<>();
        for (AggregateCall call : calls) {
            if (call.function().isDistinct() && !distinctArguments.contains(call.argument().orElseThrow())) {
                distinctArguments.add(call.argument().orElseThrow());
            }
        }
        if (distinctArguments.isEmpty()) {
            return node;
        }
        if (distinctArguments.size() == 1 && calls.stream().allMatch(call -> mergesFromResults(call.function()))) {
            return overDistinctValues(aggregate, calls, distinctArguments.get(0));
        }
        return joinedParts(aggregate, calls, distinctArguments);
    }

    /** One aggregation per distinct argument, one for the rest, joined on the keys. */
    private LogicalPlan joinedParts(Aggregate aggregate, List<AggregateCall> calls, List<Expression> distinctArguments)
    {
        int keys = aggregate.groupingKeys().size();
        Schema original = aggregate.schema();
        List<List<Integer>> parts = new ArrayList<>();
        for (Expression argument : distinctArguments) {
            List<Integer> part = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).function().isDistinct() && calls.get(i).argument().orElseThrow().equals(argument)) {
                    part.add(i);
                }
            }
            parts.add(part);
        }
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!calls.get(i).function().isDistinct()) {
                plain.add(i);
            }
        }
        if (!plain.isEmpty()) {
            parts.add(plain);
        }
        // where each original aggregate ends up in the joined row
        int[] column = new int[calls.size()];
        LogicalPlan joined = null;
        for (List<Integer> part : parts) {
            List<Expression> partCalls = new ArrayList<>();
            for (int i : part) {
                partCalls.add(aggregate.aggregates().get(i));
            }
            LogicalPlan partPlan = apply(new Aggregate(aggregate.child(), aggregate.groupingKeys(), partCalls));
            int offset = joined == null ? 0 : joined.schema().size();
            for (int j = 0; j < part.size(); j++) {
                column[part.get(j)] = offset + keys + j;
            }
            joined = joined == null ? partPlan : joinOnKeys(joined, partPlan, keys);
        }
        List<Expression> restored = new ArrayList<>();
        Schema joinedSchema = joined.schema();
        for (int c = 0; c < original.size(); c++) {
            int from = c < keys ? c : column[c - keys];
            restored.add(reference(joinedSchema, from, original.field(c).name()));
        }
        return new Project(joined, restored);
    }

    private static LogicalPlan joinOnKeys(LogicalPlan left, LogicalPlan right, int keys)
    {
        if (keys == 0) {
            return new Join(left, right, JoinType.CROSS, Optional.empty());
        }
        Schema both = Join.conditionSchema(left.schema(), right.schema());
        int width = left.schema().size();
        Expression condition = null;
        for (int k = 0; k < keys; k++) {
            ColumnRef l = reference(both, k, both.field(k).name());
            ColumnRef r = reference(both, width + k, both.field(width + k).name());
            Expression equal = new Comparison(Comparison.Operator.EQUAL, l, r);
            if (l.nullable() || r.nullable()) {
                // a group whose key is null is a group like any other
                equal = Logical.or(equal, Logical.and(new IsNull(l), new IsNull(r)));
            }
            condition = condition == null ? equal : Logical.and(condition, equal);
        }
        return new Join(left, right, JoinType.INNER, Optional.of(condition));
    }

    /** The two-level plan for distinct aggregates of one argument beside mergeable plain ones. */
    private static LogicalPlan overDistinctValues(Aggregate aggregate, List<AggregateCall> calls, Expression distinct)
    {
        int keys = aggregate.groupingKeys().size();
        List<Expression> innerKeys = new ArrayList<>(aggregate.groupingKeys());
        innerKeys.add(distinct);
        List<Expression> partials = new ArrayList<>();
        int[] partialColumn = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            if (!call.function().isDistinct()) {
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
                case COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT ->
                        new AggregateCall(call.function().overDistinctValues(), Optional.of(reference(innerSchema, keys, "distinct")));
                case SUM, COUNT, COUNT_STAR -> new AggregateCall(AggregateFunction.SUM, Optional.of(reference(innerSchema, partialColumn[i], name)));
                case MIN, MAX, FIRST -> new AggregateCall(call.function(), Optional.of(reference(innerSchema, partialColumn[i], name)));
                case AVG, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP ->
                        throw new IllegalStateException(call.defaultName() + " is planned by joining parts");
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

    /** Whether the function's value over a group follows from its values over parts of it (a sum of sums, say). */
    private static boolean mergesFromResults(AggregateFunction function)
    {
        return switch (function) {
            case SUM, COUNT, COUNT_STAR, MIN, MAX, FIRST, COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT -> true;
            case AVG, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> false;
        };
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
