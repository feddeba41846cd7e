package io.spindle.planner.physical;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.analyzer.WindowAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Window;
import io.spindle.planner.optimizer.PruneColumns;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How window expressions are analyzed into Window nodes, pruned and planned. */
class WindowPlanningTest
{
    private static final FileRelation ORDERS = TestPlans.orders(2);

    private static Expression col(String name)
    {
        return new UnresolvedColumn(name);
    }

    private static Expression resolve(Expression unresolved)
    {
        return ExpressionAnalyzer.resolve(unresolved, ORDERS.schema());
    }

    private static Expression over(Expression function, List<Expression> partitionKeys, List<SortOrder> orders)
    {
        WindowFrame frame = orders.isEmpty() ? WindowFrame.WHOLE_PARTITION : WindowFrame.RUNNING;
        return new WindowExpression(function, partitionKeys, orders, frame);
    }

    private static Expression rowNumberByStatus()
    {
        return over(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER), List.of(col("o_status")), List.of(SortOrder.descending(col("o_price"))));
    }

    private static Expression sumPrice(List<Expression> partitionKeys, List<SortOrder> orders)
    {
        return over(new AggregateCall(AggregateFunction.SUM, Optional.of(col("o_price"))), partitionKeys, orders);
    }

    @Test
    void windowsWithTheSameKeysShareOneNodeUnderTheProjection()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(
                resolve(col("o_orderkey")),
                resolve(new Alias(rowNumberByStatus(), "rn")),
                resolve(sumPrice(List.of(col("o_status")), List.of(SortOrder.descending(col("o_price")))))));
        Window window = assertInstanceOf(Window.class, project.child());
        assertSame(ORDERS, window.child());
        assertEquals(2, window.windowExpressions().size());
        assertEquals(List.of("o_orderkey", "rn", "sum(o_price) OVER (PARTITION BY o_status ORDER BY o_price DESC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
                project.schema().names());
        ColumnRef rn = assertInstanceOf(ColumnRef.class, ((Alias) project.expressions().get(1)).child());
        assertEquals(ORDERS.schema().size(), rn.index());
        assertEquals(DataType.INT, rn.type());
        assertEquals(DataType.DOUBLE, project.schema().field(2).type());
    }

    @Test
    void windowsWithOtherKeysStackOneNodePerKeys()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(
                resolve(rowNumberByStatus()),
                resolve(sumPrice(List.of(), List.of()))));
        Window top = assertInstanceOf(Window.class, project.child());
        Window bottom = assertInstanceOf(Window.class, top.child());
        assertTrue(top.partitionKeys().isEmpty());
        assertEquals(1, bottom.partitionKeys().size());
        int width = ORDERS.schema().size();
        assertEquals(width, ((ColumnRef) project.expressions().get(0)).index());
        assertEquals(width + 1, ((ColumnRef) project.expressions().get(1)).index());
    }

    @Test
    void aProjectionWithoutWindowsIsLeftAlone()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(resolve(col("o_price"))));
        assertSame(ORDERS, project.child());
    }

    @Test
    void rejectsWindowFunctionsWithoutAWindowOrAnOrdering()
    {
        AnalysisException bare = assertThrows(AnalysisException.class,
                () -> WindowAnalyzer.project(ORDERS, List.of(resolve(WindowFunction.ranking(WindowFunction.Kind.RANK)))));
        assertEquals("rank() needs a window: write rank(...).over(Window.partitionBy(...).orderBy(...))", bare.getMessage());
        AnalysisException unordered = assertThrows(AnalysisException.class,
                () -> resolve(over(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER), List.of(col("o_status")), List.of())));
        assertTrue(unordered.getMessage().startsWith("window function row_number() needs an ordered window"), unordered.getMessage());
        AnalysisException range = assertThrows(AnalysisException.class, () -> resolve(new WindowExpression(
                new AggregateCall(AggregateFunction.SUM, Optional.of(col("o_price"))), List.of(), List.of(SortOrder.ascending(col("o_price"))),
                new WindowFrame(WindowFrame.Type.RANGE, -5, WindowFrame.CURRENT_ROW))));
        assertTrue(range.getMessage().startsWith("rangeBetween(-5, 0) with value offsets is not supported"), range.getMessage());
    }

    @Test
    void lagDefaultsAreCastToTheInputType()
    {
        WindowExpression lag = (WindowExpression) resolve(over(
                WindowFunction.offset(WindowFunction.Kind.LAG, col("o_price"), 1, Optional.of(io.spindle.planner.expressions.Literal.of(0))),
                List.of(), List.of(SortOrder.ascending(col("o_orderkey")))));
        assertEquals(DataType.DOUBLE, ((WindowFunction) lag.function()).defaultValue().orElseThrow().type());
        assertThrows(AnalysisException.class, () -> resolve(over(
                WindowFunction.offset(WindowFunction.Kind.LAG, col("o_price"), 1, Optional.of(col("o_date"))),
                List.of(), List.of(SortOrder.ascending(col("o_orderkey"))))));
    }

    @Test
    void pruningDropsUnreadWindowsAndKeepsWhatReadOnesNeed()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(
                resolve(col("o_orderkey")),
                resolve(rowNumberByStatus()),
                resolve(sumPrice(List.of(), List.of()))));
        LogicalPlan onlyRowNumber = PruneColumns.apply(new Project(project, List.of(
                new ColumnRef(1, "rn", DataType.INT, false))));
        Project outer = (Project) onlyRowNumber;
        Project inner = (Project) outer.child();
        Window window = assertInstanceOf(Window.class, inner.child());
        assertEquals(1, window.windowExpressions().size());
        FileRelation scan = assertInstanceOf(FileRelation.class, window.child());
        assertEquals(List.of("o_status", "o_price"), scan.schema().names());
        ColumnRef rn = (ColumnRef) inner.expressions().get(0);
        assertEquals(2, rn.index());

        LogicalPlan noWindow = PruneColumns.apply(new Project(project, List.of(new ColumnRef(0, "o_orderkey", DataType.LONG, false))));
        assertInstanceOf(FileRelation.class, ((Project) ((Project) noWindow).child()).child());
    }

    @Test
    void plansAHashExchangeOnThePartitionKeysThenASortThenTheWindow()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(resolve(rowNumberByStatus())));
        PhysicalPlan plan = new PhysicalPlanner(7).plan(project);
        ProjectExec top = assertInstanceOf(ProjectExec.class, plan);
        WindowExec window = assertInstanceOf(WindowExec.class, top.child());
        SortExec sort = assertInstanceOf(SortExec.class, window.child());
        assertEquals("[o_status#1 ASC NULLS FIRST, o_price#2 DESC NULLS LAST]", sort.orders().toString());
        ExchangeExec exchange = assertInstanceOf(ExchangeExec.class, sort.child());
        Partitioning.Hash hash = assertInstanceOf(Partitioning.Hash.class, exchange.partitioning());
        assertEquals(7, hash.numPartitions());
        assertEquals(List.of(resolve(col("o_status"))), hash.keys());
        assertEquals(DataType.INT, window.schema().field(ORDERS.schema().size()).type());
    }

    @Test
    void plansASinglePartitionWithoutPartitionKeys()
    {
        Project project = WindowAnalyzer.project(ORDERS, List.of(resolve(sumPrice(List.of(), List.of(SortOrder.ascending(col("o_date")))))));
        PhysicalPlan plan = new PhysicalPlanner(7).plan(project);
        WindowExec window = assertInstanceOf(WindowExec.class, ((ProjectExec) plan).child());
        SortExec sort = assertInstanceOf(SortExec.class, window.child());
        ExchangeExec exchange = assertInstanceOf(ExchangeExec.class, sort.child());
        assertInstanceOf(Partitioning.Single.class, exchange.partitioning());
    }
}
