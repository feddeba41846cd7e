package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.and;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.isNull;
import static io.spindle.runtime.testing.Expressions.not;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static io.spindle.runtime.testing.Expressions.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** SQL's three-valued logic, row by row over every pair of TRUE, FALSE and NULL. */
class LogicalVectorTest
{
    private static final Schema SCHEMA = schema("a", DataType.BOOLEAN, "b", DataType.BOOLEAN);

    /** All nine pairs: a runs T T T F F F N N N, b runs T F N three times. */
    private static final ColumnBatch ALL_PAIRS = batch(
            vector(DataType.BOOLEAN, true, true, true, false, false, false, null, null, null),
            vector(DataType.BOOLEAN, true, false, null, true, false, null, true, false, null));

    @Test
    void andTruthTable()
    {
        assertEquals(Arrays.asList(
                        true, false, null,
                        false, false, false,
                        null, false, null),
                evaluateValues(and(col("a"), col("b")), SCHEMA, ALL_PAIRS));
    }

    @Test
    void orTruthTable()
    {
        assertEquals(Arrays.asList(
                        true, true, true,
                        true, false, null,
                        true, null, null),
                evaluateValues(or(col("a"), col("b")), SCHEMA, ALL_PAIRS));
    }

    @Test
    void notTruthTable()
    {
        assertEquals(Arrays.asList(false, false, false, true, true, true, null, null, null),
                evaluateValues(not(col("a")), SCHEMA, ALL_PAIRS));
    }

    @Test
    void andOrAreSymmetric()
    {
        assertEquals(evaluateValues(and(col("a"), col("b")), SCHEMA, ALL_PAIRS), evaluateValues(and(col("b"), col("a")), SCHEMA, ALL_PAIRS));
        assertEquals(evaluateValues(or(col("a"), col("b")), SCHEMA, ALL_PAIRS), evaluateValues(or(col("b"), col("a")), SCHEMA, ALL_PAIRS));
    }

    @Test
    void withoutNullsTheResultHasNoNullMask()
    {
        ColumnBatch batch = batch(vector(DataType.BOOLEAN, true, true, false, false), vector(DataType.BOOLEAN, true, false, true, false));

        ColumnVector conjunction = evaluate(and(col("a"), col("b")), SCHEMA, batch);
        ColumnVector disjunction = evaluate(or(col("a"), col("b")), SCHEMA, batch);

        assertEquals(List.of(true, false, false, false), values(conjunction));
        assertEquals(List.of(true, true, true, false), values(disjunction));
        assertFalse(conjunction.mayHaveNulls());
        assertFalse(disjunction.mayHaveNulls());
    }

    @Test
    void nullLiteralFollowsTheTruthTable()
    {
        ColumnBatch batch = batch(vector(DataType.BOOLEAN, true, false, null), vector(DataType.BOOLEAN, true, true, true));

        assertEquals(Arrays.asList(null, false, null), evaluateValues(and(col("a"), nullOf(DataType.BOOLEAN)), SCHEMA, batch));
        assertEquals(Arrays.asList(true, null, null), evaluateValues(or(col("a"), nullOf(DataType.BOOLEAN)), SCHEMA, batch));
        assertEquals(Arrays.asList(null, null, null), evaluateValues(not(nullOf(DataType.BOOLEAN)), SCHEMA, batch));
    }

    @Test
    void isNullIsNeverNull()
    {
        Schema schema = schema("i", DataType.INT, "s", DataType.STRING, "d", DataType.DOUBLE);
        ColumnBatch batch = batch(vector(DataType.INT, 1, null, 3), vector(DataType.STRING, null, "", "x"), vector(DataType.DOUBLE, 1.0, 2.0, 3.0));

        ColumnVector ints = evaluate(isNull(col("i")), schema, batch);
        assertEquals(List.of(false, true, false), values(ints));
        assertFalse(ints.mayHaveNulls());
        assertEquals(List.of(true, false, false), evaluateValues(isNull(col("s")), schema, batch));
        assertEquals(List.of(false, false, false), evaluateValues(isNull(col("d")), schema, batch));
        assertEquals(List.of(false, true, true), evaluateValues(not(isNull(col("s"))), schema, batch));
    }

    @Test
    void isNullSeesNullsMadeByAnExpression()
    {
        Schema schema = schema("i", DataType.INT, "j", DataType.INT);
        ColumnBatch batch = batch(vector(DataType.INT, 1, 1, null), vector(DataType.INT, 0, 2, 2));

        assertEquals(List.of(true, false, true), evaluateValues(
                isNull(arithmetic(Arithmetic.Operator.DIVIDE, col("i"), col("j"))),
                schema, batch));
    }

    @Test
    void isNullOfANullLiteral()
    {
        ColumnBatch batch = batch(vector(DataType.BOOLEAN, true, false), vector(DataType.BOOLEAN, true, false));

        assertEquals(List.of(true, true), evaluateValues(isNull(nullOf(DataType.INT)), SCHEMA, batch));
    }
}
