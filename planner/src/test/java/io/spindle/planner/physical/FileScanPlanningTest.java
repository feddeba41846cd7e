package io.spindle.planner.physical;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scan carries its pushed filters to the executors, and whether they may skip Parquet pages by them. */
class FileScanPlanningTest
{
    private static FileRelation filteredScan()
    {
        FileSource source = TestPlans.orders(4).source();
        Comparison filter = new Comparison(Comparison.Operator.GREATER_THAN, new ColumnRef(0, "o_orderkey", DataType.LONG, false), Literal.of(10L));
        return new FileRelation(source, List.of(0, 1), List.of(filter));
    }

    @Test
    void pageSkippingIsOnUnlessTurnedOff()
    {
        FileScanExec on = assertInstanceOf(FileScanExec.class, new PhysicalPlanner(8).plan(filteredScan()));
        assertTrue(on.pageIndexFilter());
        assertEquals(1, on.pushedFilters().size());

        FileScanExec off = assertInstanceOf(FileScanExec.class, new PhysicalPlanner(8).withPageIndexFilter(false).plan(filteredScan()));
        assertFalse(off.pageIndexFilter());
        assertEquals(on.pushedFilters(), off.pushedFilters());
    }
}
