package io.spindle.runtime.expr;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.and;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.isNull;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.not;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static io.spindle.runtime.testing.Expressions.or;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionCompilerTest
{
    private static final Schema SCHEMA = schema("i", DataType.INT, "s", DataType.STRING);
    private static final ColumnBatch THREE_ROWS = batch(vector(DataType.INT, 1, 2, 3), vector(DataType.STRING, "a", null, "c"));

    private static List<Object> constant(Expression literal)
    {
        return evaluateValues(literal, SCHEMA, THREE_ROWS);
    }

    @Test
    void literalsOfEveryTypeRepeatForEveryRow()
    {
        assertEquals(List.of(42, 42, 42), constant(lit(42)));
        assertEquals(List.of(5_000_000_000L, 5_000_000_000L, 5_000_000_000L), constant(lit(5_000_000_000L)));
        assertEquals(List.of(-1.5, -1.5, -1.5), constant(lit(-1.5)));
        assertEquals(Collections.nCopies(3, new BigDecimal("-12.345")), constant(lit(new BigDecimal("-12.345"))));
        assertEquals(Collections.nCopies(3, LocalDate.of(2024, 2, 29)), constant(lit(LocalDate.of(2024, 2, 29))));
        assertEquals(Collections.nCopies(3, "h\u00e9llo \ud83d\ude00"), constant(lit("h\u00e9llo \ud83d\ude00")));
        assertEquals(List.of(true, true, true), constant(lit(true)));
        assertEquals(List.of(false, false, false), constant(lit(false)));
        assertEquals(Collections.nCopies(3, ""), constant(lit("")));
    }

    @Test
    void typedNullLiteralsAreNullInEveryRow()
    {
        for (DataType type : List.of(DataType.INT, DataType.LONG, DataType.DOUBLE, DataType.decimal(10, 2), DataType.DATE,
                DataType.STRING, DataType.BOOLEAN, DataType.TIMESTAMP)) {
            ColumnVector vector = evaluate(nullOf(type), SCHEMA, THREE_ROWS);
            assertEquals(Arrays.asList(null, null, null), values(vector), type.sqlName());
        }
    }

    @Test
    void decimalLiteralKeepsItsScaleAndPrecision()
    {
        ColumnVector vector = evaluate(lit(new BigDecimal("0.050")), SCHEMA, THREE_ROWS);

        assertEquals(DataType.decimal(4, 3), vector.type());
        assertEquals(new BigDecimal("0.050"), vector.getObject(0));
    }

    @Test
    void literalFollowsTheSizeOfEachBatch()
    {
        VectorExpression constant = ExpressionCompiler.compile(lit("x"));

        ColumnVector first = constant.evaluate(THREE_ROWS);
        ColumnVector second = constant.evaluate(batch(vector(DataType.INT, 1, 2, 3, 4, 5), vector(DataType.STRING, "a", "b", "c", "d", "e")));
        ColumnVector third = constant.evaluate(batch(vector(DataType.INT, 9), vector(DataType.STRING, "z")));

        assertEquals(3, first.size());
        assertEquals(Collections.nCopies(5, "x"), values(second));
        assertEquals(List.of("x"), values(third));
    }

    @Test
    void columnReferenceReturnsTheInputColumnItself()
    {
        Expression ref = resolve(col("S"), SCHEMA);

        assertSame(THREE_ROWS.column(1), ExpressionCompiler.compile(ref).evaluate(THREE_ROWS));
    }

    @Test
    void aliasComputesItsChild()
    {
        Expression aliased = new Alias(arithmetic(Arithmetic.Operator.MULTIPLY, col("i"), lit(10)), "tenfold");

        assertEquals(List.of(10, 20, 30), evaluateValues(aliased, SCHEMA, THREE_ROWS));
    }

    @Test
    void nestedExpressionMixesEveryKindOfNode()
    {
        // (i * 2 > 3 AND s IS NOT NULL) OR s = 'a'
        Expression condition = or(
                and(compare(Comparison.Operator.GREATER_THAN, arithmetic(Arithmetic.Operator.MULTIPLY, col("i"), lit(2)), lit(3)),
                        not(isNull(col("s")))),
                compare(Comparison.Operator.EQUAL, col("s"), lit("a")));

        assertEquals(Arrays.asList(true, null, true), evaluateValues(condition, SCHEMA, THREE_ROWS));
    }

    @Test
    void unresolvedExpressionIsRejected()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpressionCompiler.compile(col("i")));

        assertTrue(e.getMessage().contains("unresolved"), e.getMessage());
    }

    @Test
    void aggregateCallCannotRunAsAScalarExpression()
    {
        Expression sum = new AggregateCall(AggregateFunction.SUM, Optional.of(resolve(col("i"), SCHEMA)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpressionCompiler.compile(sum));

        assertTrue(e.getMessage().contains("sum(i"), e.getMessage());
    }

    @Test
    void stringLiteralIsOneStringPerRow()
    {
        ColumnVector vector = ExpressionCompiler.compile(new Literal("ab", DataType.STRING)).evaluate(THREE_ROWS);

        StringVector strings = (StringVector) vector;
        for (int row = 0; row < 3; row++) {
            assertEquals(2, strings.length(row));
            assertEquals("ab", strings.getString(row));
        }
    }
}
