package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Project;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.optimizer.rules.ConstantFolding;
import io.spindle.planner.optimizer.rules.NullPropagation;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.testing.Batches;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.runtime.testing.Expressions.and;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.cast;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.isNull;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.not;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static io.spindle.runtime.testing.Expressions.or;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the planner folds at planning time equals what the executors compute for the same expression. */
class ConstantFoldingAgreementTest
{
    private static final Schema SCHEMA = Batches.schema("x", DataType.INT);
    private static final ColumnBatch ONE_ROW = Batches.batch(SCHEMA, List.of(List.of(1)));

    private static void assertFoldsAsExecuted(Expression unresolved)
    {
        Expression resolved = resolve(unresolved, SCHEMA);
        FileRelation input = FileRelation.allColumns(new FileSource("parquet", List.of("/t"), SCHEMA, List.of(), 0, 0));
        Project folded = (Project) Optimizer.applyRules(new Project(input, List.of(resolved)), List.of(new NullPropagation(), new ConstantFolding()));
        Expression result = folded.expressions().get(0);
        Literal literal = assertInstanceOf(Literal.class, result instanceof Alias alias ? alias.child() : result, resolved + " folds to " + result);

        Object executed = Batches.values(ExpressionCompiler.compile(resolved).evaluate(ONE_ROW)).get(0);
        Object planned = Batches.values(ExpressionCompiler.compile(literal).evaluate(ONE_ROW)).get(0);
        assertEquals(resolved.type(), literal.type(), resolved.toString());
        assertEquals(executed, planned, resolved.toString());
    }

    @Test
    void integerArithmeticWrapsAndDividesLikeTheExecutors()
    {
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.ADD, lit(Integer.MAX_VALUE), lit(1)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MULTIPLY, lit(Long.MAX_VALUE), lit(3L)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MODULO, lit(-7), lit(3)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MODULO, lit(7L), lit(0L)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.DIVIDE, lit(7), lit(2)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.DIVIDE, lit(7), lit(0)));
    }

    @Test
    void doublesKeepNaNAndSignedZeroSemantics()
    {
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.DIVIDE, lit(1.0), lit(-0.0)));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MODULO, lit(5.5), lit(2.0)));
        assertFoldsAsExecuted(compare(Comparison.Operator.EQUAL, lit(-0.0), lit(0.0)));
        assertFoldsAsExecuted(compare(Comparison.Operator.GREATER_THAN, lit(Double.NaN), lit(1e300)));
        assertFoldsAsExecuted(compare(Comparison.Operator.EQUAL, lit(Double.NaN), lit(Double.NaN)));
    }

    @Test
    void decimalsKeepScaleAndRoundHalfUp()
    {
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MULTIPLY, lit(new BigDecimal("1.25")), lit(new BigDecimal("0.10"))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MULTIPLY, lit(new BigDecimal("-1.25")), lit(new BigDecimal("0.5"))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.DIVIDE, lit(new BigDecimal("2.00")), lit(new BigDecimal("3.00"))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.DIVIDE, lit(new BigDecimal("2.00")), lit(new BigDecimal("0.00"))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.MODULO, lit(new BigDecimal("10.5")), lit(new BigDecimal("3"))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.SUBTRACT, lit(new BigDecimal("1.005")), lit(2)));
        assertFoldsAsExecuted(compare(Comparison.Operator.LESS_THAN, lit(new BigDecimal("0.05")), lit(new BigDecimal("0.070"))));
    }

    @Test
    void castsConvertLikeTheExecutors()
    {
        assertFoldsAsExecuted(cast(lit(3.9), DataType.INT));
        assertFoldsAsExecuted(cast(lit(-3.9), DataType.LONG));
        assertFoldsAsExecuted(cast(lit(1e20), DataType.INT));
        assertFoldsAsExecuted(cast(lit(new BigDecimal("12.345")), DataType.DOUBLE));
        assertFoldsAsExecuted(cast(lit(new BigDecimal("-12.99")), DataType.INT));
        assertFoldsAsExecuted(cast(lit(1e20), DataType.decimal(10, 2)));
        assertFoldsAsExecuted(cast(lit(123.455), DataType.decimal(10, 2)));
        assertFoldsAsExecuted(cast(lit(Double.NaN), DataType.decimal(10, 2)));
        assertFoldsAsExecuted(cast(lit(Long.MAX_VALUE), DataType.DOUBLE));
    }

    @Test
    void comparisonsAndLogicOverOtherTypes()
    {
        assertFoldsAsExecuted(compare(Comparison.Operator.LESS_THAN, lit("Z"), lit("é")));
        assertFoldsAsExecuted(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, lit(LocalDate.of(1994, 1, 1)), lit(LocalDate.of(1995, 1, 1))));
        assertFoldsAsExecuted(and(nullOf(DataType.BOOLEAN), lit(false)));
        assertFoldsAsExecuted(or(nullOf(DataType.BOOLEAN), lit(false)));
        assertFoldsAsExecuted(not(nullOf(DataType.BOOLEAN)));
        assertFoldsAsExecuted(isNull(arithmetic(Arithmetic.Operator.DIVIDE, lit(1), lit(0))));
        assertFoldsAsExecuted(arithmetic(Arithmetic.Operator.ADD, lit(1), nullOf(DataType.INT)));
    }
}
