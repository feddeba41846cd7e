package io.spindle.planner.physical;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Hash aggregation in one of two modes around a hash exchange.
 * <ul>
 * <li>{@code PARTIAL}: {@code groupingKeys} and the calls' arguments are evaluated over the raw input;
 * output is the keys, then each call's intermediate columns ({@link io.spindle.planner.expressions.AggregateFunction#intermediateTypes}).</li>
 * <li>{@code FINAL}: input is a partial aggregation's output; its first {@code groupingKeys.size()} columns
 * are the keys and the rest the intermediate columns in call order; output is the keys, then each call's
 * final value named by {@code aggregateNames}.</li>
 * </ul>
 */
public final class HashAggregateExec
        extends PhysicalPlan
{
    public enum Mode
    {
        PARTIAL, FINAL
    }

    private final PhysicalPlan child;
    private final Mode mode;
    private final List<Expression> groupingKeys;
    private final List<String> keyNames;
    private final List<AggregateCall> aggregates;
    private final List<String> aggregateNames;

    public HashAggregateExec(PhysicalPlan child, Mode mode, List<Expression> groupingKeys, List<String> keyNames,
            List<AggregateCall> aggregates, List<String> aggregateNames)
    {
        this.child = requireNonNull(child, "child is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.groupingKeys = List.copyOf(requireNonNull(groupingKeys, "groupingKeys is null"));
        this.keyNames = List.copyOf(requireNonNull(keyNames, "keyNames is null"));
        this.aggregates = List.copyOf(requireNonNull(aggregates, "aggregates is null"));
        this.aggregateNames = List.copyOf(requireNonNull(aggregateNames, "aggregateNames is null"));
        if (keyNames.size() != groupingKeys.size() || aggregateNames.size() != aggregates.size()) {
            throw new IllegalArgumentException("a name is needed for each key and each aggregate");
        }
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public Mode mode()
    {
        return mode;
    }

    public List<Expression> groupingKeys()
    {
        return groupingKeys;
    }

    public List<String> keyNames()
    {
        return keyNames;
    }

    public List<AggregateCall> aggregates()
    {
        return aggregates;
    }

    public List<String> aggregateNames()
    {
        return aggregateNames;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new HashAggregateExec(children.get(0), mode, groupingKeys, keyNames, aggregates, aggregateNames);
    }

    @Override
    public Schema schema()
    {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < groupingKeys.size(); i++) {
            Expression key = groupingKeys.get(i);
            fields.add(new StructField(keyNames.get(i), key.type(), key.nullable()));
        }
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateCall call = aggregates.get(i);
            if (mode == Mode.FINAL) {
                fields.add(new StructField(aggregateNames.get(i), call.type(), call.nullable()));
                continue;
            }
            List<DataType> intermediate = call.function().intermediateTypes(call.argumentType());
            for (int j = 0; j < intermediate.size(); j++) {
                fields.add(new StructField(aggregateNames.get(i) + "#" + j, intermediate.get(j), true));
            }
        }
        return new Schema(fields);
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return PartitionKeys.throughOutputs(child.outputPartitioning(), groupingKeys);
    }

    /** A final aggregation needs each group's partial rows together; a partial one takes its input as it comes. */
    @Override
    public List<Distribution> requiredChildDistributions()
    {
        if (mode == Mode.PARTIAL) {
            return List.of(Distribution.UNSPECIFIED);
        }
        return List.of(groupingKeys.isEmpty() ? new Distribution.AllTuples() : new Distribution.Clustered(groupingKeys));
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitHashAggregate(this, context);
    }

    @Override
    public String operatorName()
    {
        return "HashAggregate(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public String describe()
    {
        return "HashAggregate(mode=" + mode + ", keys=" + groupingKeys + ", functions=" + aggregates + ")";
    }
}
