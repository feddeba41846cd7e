package io.spindle.planner.optimizer;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.ColumnStatistics;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.RowGroupStatistics;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class ReorderJoinsTest
{
    /** A table {@code (<name>_k bigint, <name>_j bigint)} of {@code rows} rows, without column statistics. */
    private static FileRelation table(String name, long rows)
    {
        return table(name, rows, List.of());
    }

    /** The same table, with {@code keyValues} distinct values of {@code _k} (0 up) in its footer when positive. */
    private static FileRelation table(String name, long rows, long keyValues)
    {
        return table(name, rows, List.of(new RowGroupStatistics(rows, rows * 16,
                List.of(new ColumnStatistics(0L, keyValues - 1, 0), ColumnStatistics.UNKNOWN))));
    }

    private static FileRelation table(String name, long rows, List<RowGroupStatistics> statistics)
    {
        Schema schema = Schema.of(new StructField(name + "_k", DataType.LONG, false), new StructField(name + "_j", DataType.LONG, false));
        List<FileSplit> splits = List.of(new FileSplit("/" + name + "/part-0", List.of(0), rows * 16, rows, List.of("h"), statistics));
        return FileRelation.allColumns(new FileSource("parquet", List.of("/" + name), schema, splits, rows * 16, rows));
    }

    private static Expression equal(int left, int right)
    {
        return new Comparison(Comparison.Operator.EQUAL, new ColumnRef(left, "c" + left, DataType.LONG, false),
                new ColumnRef(right, "c" + right, DataType.LONG, false));
    }

    /** (a join b on a_k = b_k) join c on b_j = c_j: a chain where only b meets c. */
    private static Join chain(long aRows, long bRows, long cRows)
    {
        Join ab = new Join(table("a", aRows), table("b", bRows), JoinType.INNER, Optional.of(equal(0, 2)));
        return new Join(ab, table("c", cRows), JoinType.INNER, Optional.of(equal(3, 5)));
    }

    private static List<String> leafOrder(LogicalPlan plan)
    {
        List<String> names = new ArrayList<>();
        if (plan instanceof FileRelation relation) {
            names.add(relation.source().paths().get(0));
        }
        plan.children().forEach(child -> names.addAll(leafOrder(child)));
        return names;
    }

    @Test
    void startsWithTheSmallestAndFollowsTheJoinConditions()
    {
        Join original = chain(100_000, 10_000, 10);
        LogicalPlan reordered = ReorderJoins.apply(original);

        Project project = assertInstanceOf(Project.class, reordered);
        assertEquals(List.of("/c", "/b", "/a"), leafOrder(reordered));
        assertEquals(original.schema(), project.schema(), "the projection puts the columns back in the original order");
        Join top = assertInstanceOf(Join.class, project.child());
        Join bottom = assertInstanceOf(Join.class, top.left());
        // c (0, 1) then b (2, 3): b_j = c_j; then a (4, 5): a_k = b_k
        assertEquals(Optional.of(equal(3, 1)), bottom.condition().map(c -> withNames(c)));
        assertEquals(Optional.of(equal(4, 2)), top.condition().map(c -> withNames(c)));
    }

    /** The expression with the test's column names, which only the positions decide. */
    private static Expression withNames(Expression expression)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? new ColumnRef(ref.index(), "c" + ref.index(), DataType.LONG, false) : e);
    }

    @Test
    void choosesTheNextInputByTheSmallestEstimatedOutput()
    {
        // a meets b and c; from a (smallest), b's ten keys each match 10,000 rows, c's thousand keys 1 row each
        Join ab = new Join(table("a", 10, 10), table("b", 100_000, 10), JoinType.INNER, Optional.of(equal(0, 2)));
        Join abc = new Join(ab, table("c", 1000, 1000), JoinType.INNER, Optional.of(equal(0, 4)));
        assertEquals(List.of("/a", "/c", "/b"), leafOrder(ReorderJoins.apply(abc)));
    }

    @Test
    void crossJoinOfInputsThatOnlyAThirdConnectsIsJoinedThroughIt()
    {
        // FROM a, c, b WHERE a_k = b_k AND b_j = c_j: a and c share no condition, so they must not meet first
        Join ac = new Join(table("a", 10), table("c", 20), JoinType.CROSS, Optional.empty());
        Join acb = new Join(ac, table("b", 100_000), JoinType.INNER, Optional.of(Logical.and(equal(0, 4), equal(5, 3))));
        LogicalPlan reordered = ReorderJoins.apply(acb);
        assertEquals(List.of("/a", "/b", "/c"), leafOrder(reordered));
        Join top = assertInstanceOf(Join.class, ((Project) reordered).child());
        assertEquals(JoinType.INNER, ((Join) top.left()).type());
        assertEquals(acb.schema(), reordered.schema());
    }

    /**
     * TPC-H Q8's shape: from the smallest input t, the greedy meets c (too many rows, once joined with t, to
     * broadcast) before the fact table f, which then must be shuffled; from f, each join broadcasts its other side.
     * The order from f moves no row through a shuffle and wins, though it does not start with the smallest.
     */
    @Test
    void prefersTheStartWhoseJoinsBroadcastOverOneThatShufflesTheFactTable()
    {
        // t (0, 1), c (2, 3), f (4, 5), d (6, 7): t_k = c_k, c_j = f_j, f_k = d_k; 16 bytes a row
        Join tc = new Join(table("t", 5, 5), table("c", 400_000, 5), JoinType.INNER, Optional.of(equal(0, 2)));
        Join tcf = new Join(tc, table("f", 10_000_000, 1000), JoinType.INNER, Optional.of(equal(3, 5)));
        Join tcfd = new Join(tcf, table("d", 1000, 1000), JoinType.INNER, Optional.of(equal(4, 6)));
        long threshold = 10L * 1024 * 1024;

        LogicalPlan reordered = ReorderJoins.apply(tcfd, threshold);

        assertEquals(List.of("/f", "/c", "/t", "/d"), leafOrder(reordered));
        assertEquals(tcfd.schema(), reordered.schema());
        assertEquals(0, shuffles(new PhysicalPlanner(8, threshold).plan(reordered)));
        assertEquals(2, shuffles(new PhysicalPlanner(8, threshold).plan(tcfd)), "the greedy order from t shuffles f and t-c");
        // without broadcasts every order shuffles, and the fewest rows decide, from the smallest input
        assertSame(tcfd, ReorderJoins.apply(tcfd, 0));
    }

    private static long shuffles(PhysicalPlan plan)
    {
        return (plan instanceof ExchangeExec ? 1 : 0) + plan.children().stream().mapToLong(ReorderJoinsTest::shuffles).sum();
    }

    @Test
    void doesNotFireWhenTheOriginalOrderIsTheGreedyOne()
    {
        Join original = chain(10, 1000, 100_000);
        assertSame(original, ReorderJoins.apply(original));
    }

    @Test
    void doesNotFireOnTwoInputsOrOnCrossProducts()
    {
        Join two = new Join(table("a", 100_000), table("b", 10), JoinType.INNER, Optional.of(equal(0, 2)));
        assertSame(two, ReorderJoins.apply(two));

        Join ab = new Join(table("a", 100_000), table("b", 1000), JoinType.INNER, Optional.of(equal(0, 2)));
        Join cross = new Join(ab, table("c", 10), JoinType.INNER, Optional.empty());
        assertSame(cross, ReorderJoins.apply(cross), "c, the smallest, meets no other input");
    }

    @Test
    void outerJoinsAreNotReordered()
    {
        Join ab = new Join(table("a", 100_000), table("b", 10_000), JoinType.LEFT_OUTER, Optional.of(equal(0, 2)));
        Join abc = new Join(ab, table("c", 10), JoinType.INNER, Optional.of(equal(3, 5)));
        assertSame(abc, ReorderJoins.apply(abc));
    }
}
