package io.spindle.planner.optimizer;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest
{
    private static Expression resolve(Expression expression, LogicalPlan input)
    {
        return ExpressionAnalyzer.resolve(expression, input.schema());
    }

    private static Expression compare(Comparison.Operator op, String column, Object value)
    {
        return new Comparison(op, new UnresolvedColumn(column), Literal.of(value));
    }

    /**
     * TPC-H Q6's shape: a projection, then two filters written apart, one with a constant that folds away,
     * then a global sum. The filters end up as one filter below the projection, over the scan, and pushed
     * into it.
     */
    @Test
    void q6FilterEndsUpPushedIntoTheScan()
    {
        FileRelation scan = TestPlans.orders(4);
        Project selected = new Project(scan, List.of(
                resolve(new UnresolvedColumn("o_date"), scan),
                resolve(new UnresolvedColumn("o_amount"), scan),
                resolve(new UnresolvedColumn("o_price"), scan)));
        Expression dates = Logical.and(
                compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, "o_date", LocalDate.of(1994, 1, 1)),
                compare(Comparison.Operator.LESS_THAN, "o_date", LocalDate.of(1995, 1, 1)));
        Filter byDate = new Filter(selected, resolve(Logical.and(Literal.of(true), dates), selected));
        Expression discount = Logical.and(
                compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, "o_amount", new BigDecimal("0.05")),
                Logical.and(compare(Comparison.Operator.LESS_THAN_OR_EQUAL, "o_amount", new BigDecimal("0.07")),
                        new Comparison(Comparison.Operator.LESS_THAN, new UnresolvedColumn("o_price"),
                                Arithmetic.unresolved(Arithmetic.Operator.ADD, Literal.of(20.0), Literal.of(4.0)))));
        Filter byDiscount = new Filter(byDate, resolve(discount, byDate));
        Expression revenue = resolve(Arithmetic.unresolved(Arithmetic.Operator.MULTIPLY, new UnresolvedColumn("o_price"), new UnresolvedColumn("o_amount")), byDiscount);
        Aggregate aggregate = new Aggregate(byDiscount, List.of(),
                List.of(new Alias(new AggregateCall(AggregateFunction.SUM, Optional.of(revenue)), "revenue")));

        LogicalPlan optimized = Optimizer.optimize(aggregate);

        Aggregate newAggregate = assertInstanceOf(Aggregate.class, optimized);
        assertEquals(aggregate.schema(), newAggregate.schema());
        Project project = assertInstanceOf(Project.class, newAggregate.child());
        Filter filter = assertInstanceOf(Filter.class, project.child());
        FileRelation newScan = assertInstanceOf(FileRelation.class, filter.child());
        assertEquals(List.of(2, 3, 4), newScan.columns());
        assertEquals(5, newScan.pushedFilters().size(), newScan.describe());
        assertTrue(newScan.pushedFilters().contains(new Comparison(Comparison.Operator.LESS_THAN,
                new ColumnRef(2, "o_price", TestPlans.ORDERS.field(2).type(), true), Literal.of(24.0))), newScan.describe());
        assertTrue(newScan.describe().contains("pushed=["), newScan.describe());

        PhysicalPlan physical = new PhysicalPlanner(2).plan(optimized);
        FileScanExec fileScan = findScan(physical);
        assertEquals(5, fileScan.pushedFilters().size());
        assertTrue(fileScan.describe().contains("splits=4 of 4, pushed=["), fileScan.describe());
    }

    @Test
    void aPlanWithNothingToDoIsOnlyPruned()
    {
        FileRelation scan = TestPlans.orders(1);
        Filter filter = new Filter(scan, new Comparison(Comparison.Operator.GREATER_THAN,
                new Arithmetic(Arithmetic.Operator.ADD, resolve(new UnresolvedColumn("o_price"), scan), Literal.of(1.0), TestPlans.ORDERS.field(2).type()),
                Literal.of(2.0)));
        LogicalPlan optimized = Optimizer.optimize(filter);
        assertEquals(filter.condition(), ((Filter) optimized).condition());
        assertTrue(((FileRelation) ((Filter) optimized).child()).pushedFilters().isEmpty());
    }

    /**
     * A filter on one key of an inner join, written above a left outer join that it makes inner: the outer
     * join is eliminated, the filter moves to the left, is copied to the other key, and both scans get it.
     */
    @Test
    void aFilterOnAJoinKeyReachesBothScans()
    {
        FileRelation left = TestPlans.orders(1);
        FileRelation right = TestPlans.orders(1);
        Expression keys = new Comparison(Comparison.Operator.EQUAL,
                new ColumnRef(0, "o_orderkey", TestPlans.ORDERS.field(0).type(), false),
                new ColumnRef(5, "o_orderkey", TestPlans.ORDERS.field(0).type(), false));
        Join join = new Join(left, right, JoinType.LEFT_OUTER, Optional.of(keys));
        Expression onRightKey = new Comparison(Comparison.Operator.GREATER_THAN,
                new ColumnRef(5, "o_orderkey", TestPlans.ORDERS.field(0).type(), true), Literal.of(10L));

        LogicalPlan optimized = Optimizer.optimize(new Filter(join, onRightKey), false);

        Join newJoin = findJoin(optimized);
        assertEquals(JoinType.INNER, newJoin.type());
        for (LogicalPlan side : newJoin.children()) {
            FileRelation scan = assertInstanceOf(FileRelation.class, assertInstanceOf(Filter.class, side).child());
            assertEquals("[(o_orderkey#0 > 10)]", scan.pushedFilters().toString(), scan.describe());
        }
    }

    /**
     * Q19's shape: a cross join under a filter of the key equality and a disjunction of cases that each read both
     * sides. The join hashes on the keys, keeps the disjunction, and each side is filtered once by what the cases
     * imply for it, even though the rules run to a fixed point after that.
     */
    @Test
    void aDisjunctionOfCasesFiltersEachSideOnce()
    {
        FileRelation left = TestPlans.orders(1);
        FileRelation right = TestPlans.orders(1);
        ColumnRef leftPrice = new ColumnRef(2, "o_price", TestPlans.ORDERS.field(2).type(), true);
        ColumnRef rightPrice = new ColumnRef(7, "o_price", TestPlans.ORDERS.field(2).type(), true);
        Expression keys = new Comparison(Comparison.Operator.EQUAL,
                new ColumnRef(0, "o_orderkey", TestPlans.ORDERS.field(0).type(), false),
                new ColumnRef(5, "o_orderkey", TestPlans.ORDERS.field(0).type(), false));
        Expression cases = Logical.or(
                Logical.and(new Comparison(Comparison.Operator.GREATER_THAN, leftPrice, Literal.of(1.0)),
                        new Comparison(Comparison.Operator.LESS_THAN, rightPrice, Literal.of(5.0))),
                Logical.and(new Comparison(Comparison.Operator.GREATER_THAN, leftPrice, Literal.of(10.0)),
                        new Comparison(Comparison.Operator.LESS_THAN, rightPrice, Literal.of(50.0))));
        Join cross = new Join(left, right, JoinType.CROSS, Optional.empty());

        LogicalPlan optimized = Optimizer.optimize(new Filter(cross, Logical.and(keys, cases)), false);

        Join join = findJoin(optimized);
        assertEquals(JoinType.INNER, join.type());
        assertEquals(Optional.of(Logical.and(keys, cases)), join.condition());
        assertEquals("((o_price#2 > 1.0) OR (o_price#2 > 10.0))", assertInstanceOf(Filter.class, join.left()).condition().toString());
        assertEquals("((o_price#2 < 5.0) OR (o_price#2 < 50.0))", assertInstanceOf(Filter.class, join.right()).condition().toString());
        assertInstanceOf(FileRelation.class, ((Filter) join.left()).child());
        assertInstanceOf(FileRelation.class, ((Filter) join.right()).child());
    }

    private static Join findJoin(LogicalPlan plan)
    {
        return plan instanceof Join join ? join : findJoin(plan.children().get(0));
    }

    private static FileScanExec findScan(PhysicalPlan plan)
    {
        if (plan instanceof FileScanExec scan) {
            return scan;
        }
        return findScan(plan.children().get(0));
    }
}
