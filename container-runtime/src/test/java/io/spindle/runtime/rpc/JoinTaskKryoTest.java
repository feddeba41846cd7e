package io.spindle.runtime.rpc;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.physical.BroadcastReadExec;
import io.spindle.planner.physical.HashJoinExec;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.task.TaskDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A join task travels to a container with its fragment and the broadcast rows it reads intact. */
class JoinTaskKryoTest
{
    @Test
    void joinFragmentAndBroadcastRowsRoundTrip()
    {
        Schema schema = Schema.of(new StructField("k", DataType.LONG, true), new StructField("s", DataType.STRING, true));
        ColumnRef key = new ColumnRef(0, "k", DataType.LONG, true);
        HashJoinExec join = new HashJoinExec(new ShuffleReadExec(0, schema, 4), new BroadcastReadExec(1, schema), JoinType.LEFT_OUTER,
                List.of(key), List.of(key), Optional.empty(), HashJoinExec.BuildSide.RIGHT);
        byte[] rows = {1, 2, 3, 4, 5};
        TaskDescription task = new TaskDescription(9, 1, 2, 3, 0, join, Optional.empty(), Map.of(), Map.of(1, rows));

        TaskDescription copy = KryoFactoryTest.roundTrip(task);
        assertEquals(join.treeString(), copy.fragment().treeString());
        assertEquals(JoinType.LEFT_OUTER, ((HashJoinExec) copy.fragment()).type());
        assertArrayEquals(rows, copy.broadcasts().get(1));
    }
}
