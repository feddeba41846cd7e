package io.spindle.runtime.expr;

import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConditionalVectorTest
{
    private static final Schema SCHEMA = schema("i", DataType.INT, "l", DataType.LONG, "d", DataType.DOUBLE, "s", DataType.STRING,
            "m", DataType.decimal(5, 1), "b", DataType.BOOLEAN);

    private static ColumnBatch input()
    {
        return batch(
                vector(DataType.INT, Arrays.asList(1, null, 3, 4)),
                vector(DataType.LONG, Arrays.asList(10L, 20L, null, 40L)),
                vector(DataType.DOUBLE, Arrays.asList(null, 2.5, null, 4.5)),
                vector(DataType.STRING, Arrays.asList("a", null, "ü", null)),
                vector(DataType.decimal(5, 1), Arrays.asList(new BigDecimal("1.5"), null, null, new BigDecimal("-2.0"))),
                vector(DataType.BOOLEAN, Arrays.asList(true, null, false, true)));
    }

    private static List<Object> eval(Expression e)
    {
        return evaluateValues(e, SCHEMA, input());
    }

    private static Expression caseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue)
    {
        return new CaseWhen(conditions, values, Optional.ofNullable(elseValue));
    }

    @Test
    void firstTrueBranchWinsAndNullConditionsAreNotTrue()
    {
        Expression e = caseWhen(List.of(compare(Comparison.Operator.GREATER_THAN, col("i"), lit(2)), col("b")),
                List.of(lit("big"), col("s")), lit("other"));
        assertEquals(Arrays.asList("a", "other", "big", "big"), eval(e));
    }

    @Test
    void withoutElseUnmatchedRowsAreNull()
    {
        Expression e = caseWhen(List.of(col("b")), List.of(col("i")), null);
        assertEquals(Arrays.asList(1, null, null, 4), eval(e));
    }

    @Test
    void valuesWidenToACommonType()
    {
        Expression e = caseWhen(List.of(col("b")), List.of(col("i")), col("d"));
        ColumnVector out = evaluate(e, SCHEMA, input());
        assertEquals(DataType.DOUBLE, out.type());
        assertEquals(Arrays.asList(1.0, 2.5, null, 4.0), values(out));

        Expression decimals = caseWhen(List.of(col("b")), List.of(col("m")), col("l"));
        assertEquals(Arrays.asList(new BigDecimal("1.5"), new BigDecimal("20.0"), null, new BigDecimal("-2.0")), eval(decimals));
    }

    @Test
    void booleanValues()
    {
        Expression e = caseWhen(List.of(compare(Comparison.Operator.EQUAL, col("i"), lit(1))), List.of(lit(false)), col("b"));
        assertEquals(Arrays.asList(false, null, false, true), eval(e));
    }

    @Test
    void coalesceTakesTheFirstNonNull()
    {
        assertEquals(Arrays.asList(1L, 20L, 3L, 4L), eval(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(col("i"), col("l")))));
        assertEquals(Arrays.asList(10.0, 20.0, null, 40.0), eval(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(col("l"), col("d")))));
        assertEquals(Arrays.asList(10.0, 2.5, null, 4.5), eval(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(col("d"), col("l")))));
        assertEquals(Arrays.asList("a", "-", "ü", "-"), eval(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(col("s"), nullOf(DataType.STRING), lit("-")))));
        assertEquals(Arrays.asList(true, null, false, true), eval(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(col("b")))));
    }
}
