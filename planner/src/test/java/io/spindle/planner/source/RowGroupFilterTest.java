package io.spindle.planner.source;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowGroupFilterTest
{
    private static final Schema SCHEMA = Schema.of(
            new StructField("id", DataType.INT, false),
            new StructField("day", DataType.DATE, true),
            new StructField("price", DataType.DOUBLE, true),
            new StructField("amount", DataType.decimal(12, 2), true),
            new StructField("name", DataType.STRING, true));

    private static final ColumnRef ID = new ColumnRef(0, "id", DataType.INT, false);
    private static final ColumnRef DAY = new ColumnRef(1, "day", DataType.DATE, true);
    private static final ColumnRef PRICE = new ColumnRef(2, "price", DataType.DOUBLE, true);
    private static final ColumnRef AMOUNT = new ColumnRef(3, "amount", DataType.decimal(12, 2), true);
    private static final ColumnRef NAME = new ColumnRef(4, "name", DataType.STRING, true);

    /** Row group {@code g} of 100 rows holds ids 100g..100g+99, one day each, prices and amounts likewise. */
    private static RowGroupStatistics group(int g, long nulls)
    {
        return new RowGroupStatistics(100, 1000, List.of(
                new ColumnStatistics(g * 100, g * 100 + 99, 0),
                new ColumnStatistics(LocalDate.of(2000, 1, 1).plusDays(g), LocalDate.of(2000, 1, 1).plusDays(g), nulls),
                new ColumnStatistics(g * 10.0, g * 10.0 + 9.5, nulls),
                new ColumnStatistics(BigDecimal.valueOf(g * 100L, 2), BigDecimal.valueOf(g * 100L + 99, 2), nulls),
                new ColumnStatistics("name" + g, "name" + g + "z", nulls)));
    }

    /** Two files of four row groups each, in splits of two row groups. */
    private static FileSource source()
    {
        List<FileSplit> splits = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int first = 2 * s;
            splits.add(new FileSplit("/t/part-" + s / 2, List.of(first % 4, first % 4 + 1), 2000, 200, List.of("h"),
                    List.of(group(first, 0), group(first + 1, first + 1 == 7 ? 100 : 0))));
        }
        return new FileSource("parquet", List.of("/t"), SCHEMA, splits, 8000, 800);
    }

    private static Comparison compare(Comparison.Operator op, Expression left, Object value)
    {
        return new Comparison(op, left, value instanceof Literal l ? l : Literal.of(value));
    }

    private static List<Integer> keptGroups(Expression... filters)
    {
        List<Integer> kept = new ArrayList<>();
        for (FileSplit split : RowGroupFilter.prune(source(), List.of(filters)).splits()) {
            int base = split.path().endsWith("1") ? 4 : 0;
            split.rowGroups().forEach(g -> kept.add(base + g));
            assertTrue(split.statistics().isEmpty(), "statistics stay on the driver");
        }
        return kept;
    }

    @Test
    void equalityAndRangesOnIntegersKeepOnlyOverlappingRowGroups()
    {
        assertEquals(List.of(3), keptGroups(compare(Comparison.Operator.EQUAL, ID, 350)));
        assertEquals(List.of(2, 3), keptGroups(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, ID, 250),
                compare(Comparison.Operator.LESS_THAN, ID, 400)));
        assertEquals(List.of(0, 1), keptGroups(new Comparison(Comparison.Operator.GREATER_THAN, Literal.of(200), ID)));
        assertEquals(List.of(6, 7), keptGroups(compare(Comparison.Operator.GREATER_THAN, new Cast(ID, DataType.LONG), Literal.of(599L))));
    }

    @Test
    void datesDecimalsAndStringsCompareAsTheExecutorsDo()
    {
        assertEquals(List.of(2, 3), keptGroups(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, DAY, LocalDate.of(2000, 1, 3)),
                compare(Comparison.Operator.LESS_THAN_OR_EQUAL, DAY, LocalDate.of(2000, 1, 4))));
        assertEquals(List.of(5), keptGroups(compare(Comparison.Operator.EQUAL, AMOUNT, new Literal(new BigDecimal("5.50"), DataType.decimal(12, 2)))));
        assertEquals(List.of(3), keptGroups(compare(Comparison.Operator.EQUAL, NAME, "name3m")));
        assertEquals(List.of(0, 1, 2), keptGroups(compare(Comparison.Operator.LESS_THAN, new Cast(AMOUNT, DataType.DOUBLE), Literal.of(2.5))));
    }

    @Test
    void doublesNeverSkipForGreaterThanSinceNaNsAreLeftOutOfBounds()
    {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), keptGroups(compare(Comparison.Operator.GREATER_THAN, PRICE, 1000.0)));
        assertEquals(List.of(0, 1), keptGroups(compare(Comparison.Operator.LESS_THAN_OR_EQUAL, PRICE, 10.0)));
    }

    @Test
    void nullCountsDecideIsNullAndIsNotNull()
    {
        assertEquals(List.of(7), keptGroups(new IsNull(PRICE)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), keptGroups(new Not(new IsNull(PRICE))));
    }

    @Test
    void whenNothingMatchesOneEmptySplitIsLeft()
    {
        FileSource pruned = RowGroupFilter.prune(source(), List.of(compare(Comparison.Operator.LESS_THAN, ID, 0)));
        assertEquals(1, pruned.splits().size());
        assertTrue(pruned.splits().get(0).rowGroups().isEmpty());
        assertEquals(0, pruned.totalRows());
        assertEquals(8, pruned.splits().get(0).skippedRowGroups(), "the empty split counts every skipped row group");
        assertEquals(800, pruned.splits().get(0).skippedRows());
    }

    @Test
    void keptSplitsCountWhatWasSkippedAndTheFirstAlsoCountsTheSplitsDroppedWhole()
    {
        // ids 350..449 keep the second row group of split 1 and the first of split 2; splits 0 and 3 go whole
        List<FileSplit> kept = RowGroupFilter.prune(source(), List.of(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, ID, 350),
                compare(Comparison.Operator.LESS_THAN, ID, 450))).splits();

        assertEquals(List.of(List.of(3), List.of(0)), kept.stream().map(FileSplit::rowGroups).toList());
        assertEquals(List.of(1 + 4, 1), kept.stream().map(FileSplit::skippedRowGroups).toList());
        assertEquals(List.of(500L, 100L), kept.stream().map(FileSplit::skippedRows).toList());
        assertEquals(0, RowGroupFilter.prune(source(), List.of()).splits().stream().mapToInt(FileSplit::skippedRowGroups).sum());
    }

    @Test
    void aPageIsTestedByTheStatisticsOfTheFiltersColumnOverItsRows()
    {
        Comparison idFrom250 = compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, new Cast(ID, DataType.LONG), Literal.of(250L));
        assertEquals(0, RowGroupFilter.filteredColumn(idFrom250).getAsInt());
        assertEquals(2, RowGroupFilter.filteredColumn(new Not(new IsNull(PRICE))).getAsInt());
        assertTrue(RowGroupFilter.filteredColumn(compare(Comparison.Operator.NOT_EQUAL, ID, 3)).isEmpty());

        assertFalse(RowGroupFilter.mayMatch(idFrom250, new ColumnStatistics(100, 249, 0), 150));
        assertTrue(RowGroupFilter.mayMatch(idFrom250, new ColumnStatistics(200, 250, 0), 51));
        assertTrue(RowGroupFilter.mayMatch(idFrom250, ColumnStatistics.UNKNOWN, 20));
        // a page of nulls only: no comparison holds, IS NULL does, IS NOT NULL does not
        ColumnStatistics onlyNulls = new ColumnStatistics(null, null, 20);
        assertFalse(RowGroupFilter.mayMatch(compare(Comparison.Operator.LESS_THAN, PRICE, 5.0), onlyNulls, 20));
        assertTrue(RowGroupFilter.mayMatch(new IsNull(PRICE), onlyNulls, 20));
        assertFalse(RowGroupFilter.mayMatch(new Not(new IsNull(PRICE)), onlyNulls, 20));
        assertTrue(RowGroupFilter.mayMatch(new Not(new IsNull(PRICE)), onlyNulls, 21));
        assertFalse(RowGroupFilter.mayMatch(new IsNull(PRICE), new ColumnStatistics(1.0, 2.0, 0), 20));
    }

    @Test
    void unknownPredicatesKeepEverything()
    {
        assertFalse(RowGroupFilter.canUse(compare(Comparison.Operator.NOT_EQUAL, ID, 3)));
        assertFalse(RowGroupFilter.canUse(compare(Comparison.Operator.EQUAL, new Cast(PRICE, DataType.INT), Literal.of(3))));
        assertTrue(RowGroupFilter.canUse(compare(Comparison.Operator.EQUAL, ID, 3)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), keptGroups());
    }
}
