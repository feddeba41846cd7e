package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.compare;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushFilterIntoScanTest
{
    private final PushFilterIntoScan rule = new PushFilterIntoScan();

    @Test
    void usableConjunctsAreRecordedByFilePositionAndTheFilterStays()
    {
        // the scan outputs o_price and o_date: positions 2 and 4 of the file
        FileRelation scan = TestPlans.orders(1).withColumns(List.of(2, 4));
        Expression price = gt(scan, "o_price", 10.0);
        Expression date = compare(scan, Comparison.Operator.LESS_THAN, col(scan, "o_date"), LocalDate.of(1995, 1, 1));
        Expression notNull = new Not(new IsNull(col(scan, "o_date")));
        Expression arithmetic = new Comparison(Comparison.Operator.GREATER_THAN,
                new Arithmetic(Arithmetic.Operator.ADD, col(scan, "o_price"), Literal.of(1.0), DataType.DOUBLE), Literal.of(5.0));
        Expression condition = Logical.and(Logical.and(price, date), Logical.and(notNull, arithmetic));

        Filter filter = (Filter) rule.apply(new Filter(scan, condition));

        assertEquals(condition, filter.condition());
        FileRelation pushed = (FileRelation) filter.child();
        assertEquals(List.of(2, 4), pushed.columns());
        assertEquals(List.of(
                        new Comparison(Comparison.Operator.GREATER_THAN, new ColumnRef(2, "o_price", DataType.DOUBLE, true), Literal.of(10.0)),
                        new Comparison(Comparison.Operator.LESS_THAN, new ColumnRef(4, "o_date", DataType.DATE, true), Literal.of(LocalDate.of(1995, 1, 1))),
                        new Not(new IsNull(new ColumnRef(4, "o_date", DataType.DATE, true)))),
                pushed.pushedFilters());
        assertSame(filter, rule.apply(filter), "pushing again adds nothing");
    }

    @Test
    void doesNotFire()
    {
        FileRelation scan = TestPlans.orders(1);
        assertDoesNotFire(rule, scan);
        Expression arithmetic = new Comparison(Comparison.Operator.GREATER_THAN,
                new Arithmetic(Arithmetic.Operator.ADD, col(scan, "o_price"), Literal.of(1.0), DataType.DOUBLE), Literal.of(5.0));
        assertDoesNotFire(rule, new Filter(scan, arithmetic));
        assertDoesNotFire(rule, new Filter(scan, Logical.or(gt(scan, "o_price", 1.0), gt(scan, "o_price", 2.0))));
    }
}
