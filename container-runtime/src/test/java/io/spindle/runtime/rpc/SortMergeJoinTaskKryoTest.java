package io.spindle.runtime.rpc;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.physical.SortExec;
import io.spindle.planner.physical.SortMergeJoinExec;
import io.spindle.planner.physical.TakeOrderedExec;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.task.TaskDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task whose fragment holds a sort-merge join under a top-N travels to a container intact. */
class SortMergeJoinTaskKryoTest
{
    @Test
    void mergeJoinAndTopNFragmentRoundTrips()
    {
        Schema schema = Schema.of(new StructField("k", DataType.LONG, true), new StructField("v", DataType.DOUBLE, true));
        ColumnRef key = new ColumnRef(0, "k", DataType.LONG, true);
        List<SortOrder> byKey = List.of(SortOrder.ascending(key));
        SortMergeJoinExec join = new SortMergeJoinExec(new SortExec(new ShuffleReadExec(0, schema, 4), byKey), new SortExec(new ShuffleReadExec(1, schema, 4), byKey),
                JoinType.FULL_OUTER, List.of(key), List.of(key),
                Optional.of(new Comparison(Comparison.Operator.LESS_THAN, new ColumnRef(1, "v", DataType.DOUBLE, true), new ColumnRef(3, "v", DataType.DOUBLE, true))));
        TakeOrderedExec topN = new TakeOrderedExec(join, List.of(SortOrder.descending(new ColumnRef(1, "v", DataType.DOUBLE, true))), 7);
        TaskDescription task = new TaskDescription(9, 1, 2, 3, 0, topN, Optional.empty(), Map.of(), Map.of());

        TaskDescription copy = KryoFactoryTest.roundTrip(task);
        assertEquals(topN.treeString(), copy.fragment().treeString());
        TakeOrderedExec copiedTopN = (TakeOrderedExec) copy.fragment();
        assertEquals(7, copiedTopN.limit());
        assertEquals(topN.orders(), copiedTopN.orders());
        SortMergeJoinExec copiedJoin = (SortMergeJoinExec) copiedTopN.child();
        assertEquals(JoinType.FULL_OUTER, copiedJoin.type());
        assertEquals(join.residual(), copiedJoin.residual());
    }
}
