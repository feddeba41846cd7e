package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.List;

/**
 * Grouping sets as Spark plans them: an {@link Expand} makes one copy of each input row per set, with the input's
 * columns, then each key (null where the set leaves it out), then the set's grouping id; one aggregation grouped
 * by the keys and the id follows. Sets are lists of key positions.
 */
public final class GroupingSets
{
    /** The name Spark gives the grouping id column. */
    public static final String GROUPING_ID = "spark_grouping_id";

    private GroupingSets()
    {
    }

    /** ROLLUP(k1, ..., kn): the sets (k1..kn), (k1..kn-1), ..., (k1), (). */
    public static List<List<Integer>> rollup(int keys)
    {
        List<List<Integer>> sets = new ArrayList<>();
        for (int size = keys; size >= 0; size--) {
            List<Integer> set = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                set.add(k);
            }
            sets.add(set);
        }
        return sets;
    }

    /** CUBE(k1, ..., kn): every subset of the keys, 2^n sets; refused past 12 keys. */
    public static List<List<Integer>> cube(int keys)
    {
        if (keys > 12) {
            throw new AnalysisException("CUBE over " + keys + " columns makes " + (1L << keys) + " grouping sets; name the sets you need with GROUPING SETS");
        }
        List<List<Integer>> sets = new ArrayList<>();
        for (int mask = (1 << keys) - 1; mask >= 0; mask--) {
            List<Integer> set = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                if ((mask & (1 << (keys - 1 - k))) != 0) {
                    set.add(k);
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /** One bit per key, the first key's the most significant, set where {@code set} leaves the key out. */
    public static long groupingId(List<Integer> set, List<Integer> keys)
    {
        long id = 0;
        for (int k : keys) {
            id = (id << 1) | (set.contains(k) ? 0 : 1);
        }
        return id;
    }

    /** The grouping id of {@code set} over all {@code keyCount} keys. */
    public static long groupingId(List<Integer> set, int keyCount)
    {
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
            all.add(k);
        }
        return groupingId(set, all);
    }

    /** The expand of {@code input} for {@code keys} (resolved against it) and {@code sets}. */
    public static Expand expand(LogicalPlan input, List<Expression> keys, List<List<Integer>> sets)
    {
        Schema schema = input.schema();
        List<List<Expression>> projections = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expression> projection = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                StructField field = schema.field(i);
                projection.add(new ColumnRef(i, field.name(), field.type(), field.nullable()));
            }
            for (int k = 0; k < keys.size(); k++) {
                Expression key = keys.get(k);
                Expression value = set.contains(k) ? key : Literal.nullOf(key.type());
                projection.add(new Alias(value, key instanceof ColumnRef column ? column.name() : key.defaultName()));
            }
            projection.add(new Alias(new Literal(groupingId(set, keys.size()), DataType.LONG), GROUPING_ID));
            projections.add(projection);
        }
        return new Expand(input, projections);
    }

    /** The grouping keys of the aggregation over {@code expand}: the keys' columns, then the grouping id. */
    public static List<Expression> aggregationKeys(Expand expand, LogicalPlan input, int keyCount)
    {
        Schema schema = expand.schema();
        int width = input.schema().size();
        List<Expression> keys = new ArrayList<>();
        for (int k = 0; k <= keyCount; k++) {
            StructField field = schema.field(width + k);
            keys.add(new ColumnRef(width + k, field.name(), field.type(), field.nullable()));
        }
        return keys;
    }
}
