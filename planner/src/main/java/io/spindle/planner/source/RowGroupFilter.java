package io.spindle.planner.source;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Data skipping: drops the row groups, and then the splits, whose footer statistics prove that no row
 * matches a pushed filter. It understands {@code column op literal} for {@code = < <= > >=} (either side;
 * the column may be widened by a cast to bigint or double), {@code IS NULL} and {@code NOT(IS NULL)}, over
 * int, bigint, double, decimal, date and string columns, and compares as the executors do. Column
 * references are positions of the file schema. Anything else keeps the row group.
 */
public final class RowGroupFilter
{
    private RowGroupFilter()
    {
    }

    /** Whether {@link #prune} can use the predicate. */
    public static boolean canUse(Expression predicate)
    {
        if (predicate instanceof IsNull isNull) {
            return isNull.child() instanceof ColumnRef;
        }
        if (predicate instanceof Not not) {
            return not.child() instanceof IsNull isNull && isNull.child() instanceof ColumnRef;
        }
        return predicate instanceof Comparison comparison && bound(comparison) != null;
    }

    /**
     * The source with only the row groups that may hold a row passing every filter, and without
     * statistics. When no row group is left, one split with no row groups remains, so the scan's stage
     * still has a task. Each kept split counts the row groups and rows left out of it; those of splits
     * dropped whole are counted on the first split that remains, so the scan's tasks together report all.
     */
    public static FileSource prune(FileSource source, List<Expression> filters)
    {
        List<FileSplit> kept = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        int droppedGroups = 0;
        long droppedRows = 0;
        for (FileSplit split : source.splits()) {
            if (split.rowGroups().isEmpty()) {
                // a whole file of a format without row groups (CSV, JSON): nothing to skip, all of it to read
                kept.add(new FileSplit(split.path(), List.of(), split.bytes(), split.rows(), split.hosts(), List.of(), 0, 0));
                bytes += split.bytes();
                rows += split.rows();
                continue;
            }
            List<Integer> groups = new ArrayList<>();
            long splitBytes = 0;
            long splitRows = 0;
            int skippedGroups = 0;
            long skippedRows = 0;
            for (int i = 0; i < split.rowGroups().size(); i++) {
                if (split.statistics().isEmpty()) {
                    groups.addAll(split.rowGroups());
                    splitBytes = split.bytes();
                    splitRows = split.rows();
                    break;
                }
                RowGroupStatistics statistics = split.statistics().get(i);
                if (mayMatch(filters, statistics)) {
                    groups.add(split.rowGroups().get(i));
                    splitBytes += statistics.bytes();
                    splitRows += statistics.rows();
                }
                else {
                    skippedGroups++;
                    skippedRows += statistics.rows();
                }
            }
            if (groups.isEmpty()) {
                droppedGroups += skippedGroups;
                droppedRows += skippedRows;
                continue;
            }
            kept.add(new FileSplit(split.path(), groups, splitBytes, splitRows, split.hosts(), List.of(), skippedGroups, skippedRows));
            bytes += splitBytes;
            rows += splitRows;
        }
        if (kept.isEmpty() && !source.splits().isEmpty()) {
            FileSplit first = source.splits().get(0);
            kept.add(new FileSplit(first.path(), List.of(), 0, 0, first.hosts(), List.of(), droppedGroups, droppedRows));
        }
        else if (droppedGroups > 0) {
            FileSplit first = kept.get(0);
            kept.set(0, new FileSplit(first.path(), first.rowGroups(), first.bytes(), first.rows(), first.hosts(), List.of(),
                    first.skippedRowGroups() + droppedGroups, first.skippedRows() + droppedRows));
        }
        return new FileSource(source.format(), source.paths(), source.schema(), kept, bytes, rows, source.options());
    }

    /** False only when the statistics prove that no row of the row group passes every filter. */
    public static boolean mayMatch(List<Expression> filters, RowGroupStatistics statistics)
    {
        for (Expression filter : filters) {
            if (!mayMatch(filter, statistics)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mayMatch(Expression filter, RowGroupStatistics group)
    {
        OptionalInt column = filteredColumn(filter);
        return column.isEmpty() || mayMatch(filter, group.column(column.getAsInt()), group.rows());
    }

    /**
     * The file-schema position of the one column whose statistics {@link #mayMatch(Expression, ColumnStatistics, long)}
     * tests the filter against, or empty when the statistics cannot rule the filter out.
     */
    public static OptionalInt filteredColumn(Expression filter)
    {
        if (filter instanceof IsNull isNull && isNull.child() instanceof ColumnRef ref) {
            return OptionalInt.of(ref.index());
        }
        if (filter instanceof Not not && not.child() instanceof IsNull isNull && isNull.child() instanceof ColumnRef ref) {
            return OptionalInt.of(ref.index());
        }
        if (filter instanceof Comparison comparison) {
            Bound bound = bound(comparison);
            if (bound != null) {
                return OptionalInt.of(bound.column().index());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * False only when the statistics of {@link #filteredColumn(Expression) the filter's column} over {@code rows} rows (a row
     * group, or one page of a column index) prove that none of them passes the filter.
     */
    public static boolean mayMatch(Expression filter, ColumnStatistics column, long rows)
    {
        if (filteredColumn(filter).isEmpty()) {
            return true;
        }
        if (filter instanceof IsNull) {
            return column.nullCount() != 0;
        }
        if (filter instanceof Not) {
            return column.nullCount() != rows;
        }
        if (!(filter instanceof Comparison comparison)) {
            return true;
        }
        Bound bound = bound(comparison);
        if (bound == null) {
            return true;
        }
        if (column.nullCount() == rows) {
            // a comparison with null is never true
            return false;
        }
        if (!column.hasMinMax()) {
            return true;
        }
        DataType columnType = bound.column().type();
        DataType type = bound.value().type();
        Object min = widen(column.min(), columnType, type);
        Object max = widen(column.max(), columnType, type);
        Object value = bound.value().value();
        // Writers leave NaN out of double bounds, and the executors order NaN above every number: a row
        // group whose max is below a literal may still hold NaNs that are greater, or equal to a NaN literal.
        boolean mayHoldNaN = columnType.kind() == TypeKind.DOUBLE;
        if (mayHoldNaN && (Double.isNaN((Double) value) || bound.operator() == Comparison.Operator.GREATER_THAN
                || bound.operator() == Comparison.Operator.GREATER_THAN_OR_EQUAL)) {
            return true;
        }
        int vsMin = compare(value, min, type.kind());
        int vsMax = compare(value, max, type.kind());
        return switch (bound.operator()) {
            case EQUAL -> vsMin >= 0 && vsMax <= 0;
            case LESS_THAN -> vsMin > 0;
            case LESS_THAN_OR_EQUAL -> vsMin >= 0;
            case GREATER_THAN -> vsMax < 0;
            case GREATER_THAN_OR_EQUAL -> vsMax <= 0;
            case NOT_EQUAL -> true;
        };
    }

    /** {@code column operator value}, the comparison turned so the column is on the left. */
    private record Bound(ColumnRef column, Comparison.Operator operator, Literal value)
    {
    }

    private static Bound bound(Comparison comparison)
    {
        Comparison.Operator operator = comparison.operator();
        if (operator == Comparison.Operator.NOT_EQUAL) {
            return null;
        }
        Expression columnSide = comparison.left();
        Expression literalSide = comparison.right();
        if (comparison.left() instanceof Literal) {
            columnSide = comparison.right();
            literalSide = comparison.left();
            operator = flip(operator);
        }
        if (!(literalSide instanceof Literal literal) || literal.isNull() || !supported(literal.type())) {
            return null;
        }
        ColumnRef column = column(columnSide);
        if (column == null || !supported(column.type()) || !columnSide.type().equals(literal.type())) {
            return null;
        }
        return new Bound(column, operator, literal);
    }

    /** The column, if the expression is one or a cast that keeps the order of its values. */
    private static ColumnRef column(Expression expression)
    {
        if (expression instanceof ColumnRef ref) {
            return ref;
        }
        if (expression instanceof Cast cast && cast.child() instanceof ColumnRef ref) {
            TypeKind from = ref.type().kind();
            TypeKind to = cast.type().kind();
            boolean widening = (to == TypeKind.DOUBLE && (from == TypeKind.INT || from == TypeKind.LONG || from == TypeKind.DECIMAL))
                    || (to == TypeKind.LONG && from == TypeKind.INT)
                    || (to == TypeKind.DECIMAL && holdsEveryValue(ref.type(), cast.type()));
            return widening ? ref : null;
        }
        return null;
    }

    /** Whether a cast from an integer or decimal type to the decimal {@code to} is exact for every value. */
    private static boolean holdsEveryValue(DataType from, DataType to)
    {
        return switch (from.kind()) {
            case INT -> to.precision() - to.scale() >= 10;
            case LONG -> to.precision() - to.scale() >= 19;
            case DECIMAL -> to.scale() >= from.scale() && to.precision() - to.scale() >= from.precision() - from.scale();
            default -> false;
        };
    }

    private static boolean supported(DataType type)
    {
        return switch (type.kind()) {
            case INT, LONG, DOUBLE, DECIMAL, DATE, STRING -> true;
            default -> false;
        };
    }

    private static Comparison.Operator flip(Comparison.Operator operator)
    {
        return switch (operator) {
            case LESS_THAN -> Comparison.Operator.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Comparison.Operator.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Comparison.Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Comparison.Operator.LESS_THAN_OR_EQUAL;
            default -> operator;
        };
    }

    /** A column bound converted as the executors cast the column's values to {@code to}. */
    private static Object widen(Object value, DataType from, DataType to)
    {
        if (from.equals(to)) {
            return value;
        }
        if (to.kind() == TypeKind.LONG) {
            return ((Integer) value).longValue();
        }
        if (to.kind() == TypeKind.DECIMAL) {
            return value instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(((Number) value).longValue());
        }
        return switch (from.kind()) {
            case INT -> (double) (Integer) value;
            case LONG -> (double) (Long) value;
            case DECIMAL -> ((BigDecimal) value).setScale(from.scale()).unscaledValue().longValue() / Math.pow(10, from.scale());
            default -> throw new IllegalStateException("cannot widen " + from + " to " + to);
        };
    }

    private static int compare(Object a, Object b, TypeKind kind)
    {
        return switch (kind) {
            case INT -> Integer.compare((Integer) a, (Integer) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case DOUBLE -> {
                double x = (Double) a;
                double y = (Double) b;
                yield x == y ? 0 : Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : Double.isNaN(y) ? -1 : x < y ? -1 : 1;
            }
            case STRING -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("cannot compare " + kind);
        };
    }
}
