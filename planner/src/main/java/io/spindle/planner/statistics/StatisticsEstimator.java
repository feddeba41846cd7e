package io.spindle.planner.statistics;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.CachedRelation;
import io.spindle.planner.logical.EnforceSingleRow;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.Offset;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Union;
import io.spindle.planner.physical.EquiJoinKeys;
import io.spindle.planner.source.ColumnStatistics;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.RowGroupFilter;
import io.spindle.planner.source.RowGroupStatistics;
import io.spindle.planner.source.TableStatistics;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates each logical node's {@link Statistics} bottom-up, from Parquet footers up. The heuristics:
 * <ul>
 * <li>Scan: the rows and compressed bytes of the row groups its pushed filters do not rule out, the bytes
 * scaled by the share of the row's width (by type) that the read columns take; per column the min/max over
 * those row groups, the summed null counts, and for int, bigint and date columns min(non-null rows, max - min + 1)
 * distinct values. A table that {@code ANALYZE TABLE} measured: its exact row count, in the share of the
 * footers' rows that the pushed filters keep, and its measured columns' exact min, max, nulls and distinct
 * values; the footers still give the bytes and the columns it did not measure.</li>
 * <li>Filter: the product of its conjuncts' selectivities. {@code column op literal} against a known range:
 * 0 outside it, the covered share of {@code [min, max]} for {@code < <= > >=}, 1/distinct values for {@code =}
 * when known; {@code column op column} as Spark: 0 or all by their ranges when these decide it, else 1/3 (1/distinct
 * values for {@code =}); {@code IS NULL} the null share when known; {@code OR} and {@code NOT} as for independent events;
 * anything else 1/3.</li>
 * <li>Projection and node kinds it does not know keep the row count; bytes per row follow the width of the
 * output columns relative to the input's.</li>
 * <li>Aggregation: min(input rows, product of the grouping keys' distinct values), a key of unknown distinct
 * values counting as the input rows; one row without keys.</li>
 * <li>Equi-join: |L| * |R| / max(distinct values of the two keys) for the most selective key pair, a key of
 * unknown distinct values counting as its side's rows; outer joins at least keep their preserved sides'
 * rows; semi joins at most the left's rows, anti joins the left's; without keys |L| * |R|, a third of that
 * with a condition.</li>
 * <li>Limit: min(n, input); union: the sum; leaves it does not know: unknown (infinite).</li>
 * </ul>
 * Not thread-safe; one estimator per plan.
 */
public final class StatisticsEstimator
{
    private static final double DEFAULT_SELECTIVITY = 1.0 / 3;

    private final Map<LogicalPlan, Statistics> memo = new IdentityHashMap<>();

    public static Statistics estimate(LogicalPlan plan)
    {
        return new StatisticsEstimator().of(plan);
    }

    public Statistics of(LogicalPlan plan)
    {
        Statistics known = memo.get(plan);
        if (known != null) {
            return known;
        }
        Statistics statistics = compute(plan);
        memo.put(plan, statistics);
        return statistics;
    }

    /**
     * The bytes {@code plan}'s rows take at least once decoded: the larger of its estimated size, which starts from
     * compressed file bytes, and its estimated rows times the {@linkplain #width default width} of its columns' types.
     * Columnar files compress a few narrow columns of many rows well below what their rows take in a hash table
     * (lineitem's keys and dates: about 3 bytes a row on disk, 16 in memory), so the decision to send a side to every
     * task looks at this, not at {@link Statistics#sizeInBytes()} alone.
     */
    public double decodedBytes(LogicalPlan plan)
    {
        Statistics statistics = of(plan);
        return Math.max(statistics.sizeInBytes(), statistics.rowCount() * width(plan.schema()));
    }

    private Statistics compute(LogicalPlan plan)
    {
        if (plan instanceof FileRelation relation) {
            return scan(relation);
        }
        if (plan instanceof CachedRelation cached) {
            return of(cached.cachedPlan());
        }
        if (plan instanceof Offset offset) {
            return withRows(of(offset.child()), Math.max(0, of(offset.child()).rowCount() - offset.count()));
        }
        if (plan instanceof Expand expand) {
            Statistics child = of(expand.child());
            double rows = child.rowCount() * expand.projections().size();
            return new Statistics(rows, rows * Math.max(1, width(expand.schema())), List.of());
        }
        if (plan instanceof EnforceSingleRow single) {
            return withRows(of(single.child()), Math.min(1, of(single.child()).rowCount()));
        }
        if (plan instanceof LocalRelation local) {
            double rows = local.rows().size();
            return new Statistics(rows, rows * Math.max(1, width(local.schema())), List.of());
        }
        if (plan instanceof Filter filter) {
            Statistics child = of(filter.child());
            double rows = child.rowCount() * selectivity(filter.condition(), child);
            return withRows(child, rows);
        }
        if (plan instanceof Project project) {
            Statistics child = of(project.child());
            List<ColumnEstimate> columns = project.expressions().stream().map(e -> columnOf(e, child)).toList();
            return new Statistics(child.rowCount(), child.rowCount() * rowBytes(child, project.child().schema(), project.schema()), columns);
        }
        if (plan instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (plan instanceof Join join) {
            return join(join);
        }
        if (plan instanceof Limit limit) {
            return withRows(of(limit.child()), Math.min(limit.count(), of(limit.child()).rowCount()));
        }
        if (plan instanceof Union union) {
            double rows = 0;
            double bytes = 0;
            for (LogicalPlan child : union.children()) {
                rows += of(child).rowCount();
                bytes += of(child).sizeInBytes();
            }
            return new Statistics(rows, bytes, List.of());
        }
        if (plan.children().size() == 1) {
            // row-wise or reordering nodes (sort, alias, hint, repartition) and kinds this estimator does not know
            LogicalPlan input = plan.children().get(0);
            Statistics child = of(input);
            boolean sameColumns = input.schema().equals(plan.schema());
            return new Statistics(child.rowCount(), child.rowCount() * rowBytes(child, input.schema(), plan.schema()),
                    sameColumns ? child.columns() : List.of());
        }
        return new Statistics(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    private static Statistics scan(FileRelation relation)
    {
        FileSource source = relation.source();
        double rows = 0;
        double splitBytes = 0;
        double allSplitBytes = 0;
        boolean everyGroupHasStatistics = !source.splits().isEmpty();
        List<RowGroupStatistics> kept = new ArrayList<>();
        for (FileSplit split : source.splits()) {
            allSplitBytes += split.bytes();
            if (split.statistics().isEmpty()) {
                everyGroupHasStatistics = false;
                // a format without row counts in its metadata: as many rows as its bytes hold at the schema's width
                rows += split.rows() > 0 || split.bytes() <= 0 ? split.rows() : split.bytes() / Math.max(1, width(source.schema()));
                splitBytes += split.bytes();
                continue;
            }
            for (RowGroupStatistics group : split.statistics()) {
                if (RowGroupFilter.mayMatch(relation.pushedFilters(), group)) {
                    kept.add(group);
                    rows += group.rows();
                    splitBytes += group.bytes();
                }
            }
        }
        double fileBytes = source.totalBytes();
        if (allSplitBytes > 0) {
            // the source's byte count, in the share of its splits' bytes that is read
            fileBytes = source.totalBytes() * (splitBytes / allSplitBytes);
        }
        if (source.splits().isEmpty()) {
            rows = source.totalRows();
        }
        double readShare = width(source.schema()) == 0 ? 1 : width(relation.schema()) / width(source.schema());
        double footerRows = rows;
        if (relation.analyzed().isPresent()) {
            double allRows = source.totalRows();
            rows = relation.analyzed().get().rowCount() * (allRows > 0 ? Math.min(1, footerRows / allRows) : 1);
        }
        List<ColumnEstimate> columns = new ArrayList<>();
        for (int column : relation.columns()) {
            Optional<TableStatistics.Column> measured = relation.analyzed().flatMap(analyzed -> analyzed.column(column));
            if (measured.isPresent()) {
                columns.add(columnOf(measured.get()).cappedAt(rows));
            }
            else {
                columns.add(everyGroupHasStatistics ? columnOf(kept, column, source.schema().field(column).type(), footerRows).cappedAt(rows)
                        : ColumnEstimate.UNKNOWN);
            }
        }
        return new Statistics(rows, fileBytes * readShare, columns);
    }

    private static ColumnEstimate columnOf(TableStatistics.Column measured)
    {
        double min = number(measured.min());
        double max = number(measured.max());
        return new ColumnEstimate(min, max, measured.nullCount(), measured.distinctCount());
    }

    private static ColumnEstimate columnOf(List<RowGroupStatistics> groups, int column, DataType type, double rows)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double nulls = 0;
        boolean rangeKnown = !groups.isEmpty();
        for (RowGroupStatistics group : groups) {
            ColumnStatistics statistics = group.column(column);
            if (nulls >= 0 && statistics.nullCount() >= 0) {
                nulls += statistics.nullCount();
            }
            else {
                nulls = -1;
            }
            double low = number(statistics.min());
            double high = number(statistics.max());
            if (statistics.nullCount() >= 0 && statistics.nullCount() == group.rows()) {
                // all nulls: no bounds to widen
                continue;
            }
            if (Double.isNaN(low) || Double.isNaN(high)) {
                rangeKnown = false;
                continue;
            }
            min = Math.min(min, low);
            max = Math.max(max, high);
        }
        if (!rangeKnown || min > max) {
            return new ColumnEstimate(Double.NaN, Double.NaN, nulls, -1);
        }
        double distinct = -1;
        TypeKind kind = type.kind();
        if (kind == TypeKind.INT || kind == TypeKind.LONG || kind == TypeKind.DATE) {
            distinct = Math.min(Math.max(rows - Math.max(nulls, 0), 0), max - min + 1);
        }
        return new ColumnEstimate(min, max, nulls, distinct);
    }

    private Statistics aggregate(Aggregate aggregate)
    {
        Statistics child = of(aggregate.child());
        double rows;
        if (aggregate.groupingKeys().isEmpty()) {
            rows = 1;
        }
        else {
            double groups = 1;
            for (Expression key : aggregate.groupingKeys()) {
                ColumnEstimate column = columnOf(key, child);
                // a null key is a group of its own
                groups *= column.hasDistinctCount() ? column.distinctCount() + (column.nullCount() > 0 ? 1 : 0) : child.rowCount();
            }
            rows = Math.min(child.rowCount(), groups);
        }
        List<ColumnEstimate> columns = new ArrayList<>();
        for (Expression key : aggregate.groupingKeys()) {
            columns.add(columnOf(key, child).cappedAt(rows));
        }
        aggregate.aggregates().forEach(call -> columns.add(ColumnEstimate.UNKNOWN));
        return new Statistics(rows, rows * rowBytes(child, aggregate.child().schema(), aggregate.schema()), columns);
    }

    private Statistics join(Join join)
    {
        Statistics left = of(join.left());
        Statistics right = of(join.right());
        int leftWidth = join.left().schema().size();
        EquiJoinKeys keys = EquiJoinKeys.split(join.condition(), leftWidth);
        double cross = left.rowCount() * right.rowCount();
        double matched;
        if (keys.leftKeys().isEmpty()) {
            matched = join.condition().isPresent() ? cross * DEFAULT_SELECTIVITY : cross;
        }
        else {
            double divisor = 1;
            for (int i = 0; i < keys.leftKeys().size(); i++) {
                ColumnEstimate l = columnOf(keys.leftKeys().get(i), left);
                ColumnEstimate r = columnOf(keys.rightKeys().get(i), right);
                double distinct = Math.max(l.hasDistinctCount() ? l.distinctCount() : left.rowCount(),
                        r.hasDistinctCount() ? r.distinctCount() : right.rowCount());
                divisor = Math.max(divisor, distinct);
            }
            matched = cross / divisor;
            if (keys.residual().isPresent()) {
                matched *= DEFAULT_SELECTIVITY;
            }
        }
        double rows = switch (join.type()) {
            case LEFT_OUTER -> Math.max(matched, left.rowCount());
            case RIGHT_OUTER -> Math.max(matched, right.rowCount());
            case FULL_OUTER -> Math.max(matched, left.rowCount() + right.rowCount());
            case LEFT_SEMI -> Math.min(matched, left.rowCount());
            case LEFT_ANTI -> left.rowCount();
            default -> matched;
        };
        double rowBytes = left.rowBytes() + (join.type().outputsRight() ? right.rowBytes() : 0);
        List<ColumnEstimate> columns = new ArrayList<>();
        for (int i = 0; i < leftWidth; i++) {
            columns.add(left.column(i).cappedAt(rows));
        }
        if (join.type().outputsRight()) {
            for (int i = 0; i < join.right().schema().size(); i++) {
                columns.add(right.column(i).cappedAt(rows));
            }
        }
        return new Statistics(rows, rows * rowBytes, columns);
    }

    /** The estimate of an output column computed by {@code expression} over {@code input}: known only for a column read as is. */
    private static ColumnEstimate columnOf(Expression expression, Statistics input)
    {
        Expression e = expression;
        while (e instanceof Alias || (e instanceof Cast cast && widens(cast))) {
            e = e.children().get(0);
        }
        return e instanceof ColumnRef ref ? input.column(ref.index()) : ColumnEstimate.UNKNOWN;
    }

    private static boolean widens(Cast cast)
    {
        TypeKind to = cast.type().kind();
        TypeKind from = cast.child().type().kind();
        return from == to || (from == TypeKind.INT && (to == TypeKind.LONG || to == TypeKind.DOUBLE)) || (from == TypeKind.LONG && to == TypeKind.DOUBLE);
    }

    private static double selectivity(Expression condition, Statistics input)
    {
        if (condition instanceof Logical logical) {
            double a = selectivity(logical.children().get(0), input);
            double b = selectivity(logical.children().get(1), input);
            return logical.operator() == Logical.Operator.AND ? a * b : a + b - a * b;
        }
        if (condition instanceof Not not) {
            return 1 - selectivity(not.child(), input);
        }
        if (condition instanceof IsNull isNull) {
            ColumnEstimate column = columnOf(isNull.child(), input);
            return column.nullCount() >= 0 && input.rowCount() > 0 ? Math.min(1, column.nullCount() / input.rowCount()) : DEFAULT_SELECTIVITY;
        }
        if (condition instanceof Literal literal) {
            return Boolean.TRUE.equals(literal.value()) ? 1 : 0;
        }
        if (condition instanceof Comparison comparison) {
            return comparisonSelectivity(comparison, input);
        }
        return DEFAULT_SELECTIVITY;
    }

    private static double comparisonSelectivity(Comparison comparison, Statistics input)
    {
        Expression a = comparison.children().get(0);
        Expression b = comparison.children().get(1);
        Comparison.Operator operator = comparison.operator();
        if (a instanceof Literal && !(b instanceof Literal)) {
            Expression swap = a;
            a = b;
            b = swap;
            operator = switch (operator) {
                case LESS_THAN -> Comparison.Operator.GREATER_THAN;
                case LESS_THAN_OR_EQUAL -> Comparison.Operator.GREATER_THAN_OR_EQUAL;
                case GREATER_THAN -> Comparison.Operator.LESS_THAN;
                case GREATER_THAN_OR_EQUAL -> Comparison.Operator.LESS_THAN_OR_EQUAL;
                default -> operator;
            };
        }
        if (literalNullOrNot(b)) {
            return 0;
        }
        if (!(b instanceof Literal literal)) {
            return a instanceof Literal ? DEFAULT_SELECTIVITY : twoColumnSelectivity(operator, columnOf(a, input), columnOf(b, input), input);
        }
        ColumnEstimate column = columnOf(a, input);
        double value = number(literal.value());
        double nonNull = nonNullShare(column, input);
        if (operator == Comparison.Operator.EQUAL) {
            if (column.hasRange() && !Double.isNaN(value) && (value < column.min() || value > column.max())) {
                return 0;
            }
            return column.hasDistinctCount() && column.distinctCount() > 0 ? nonNull / column.distinctCount() : DEFAULT_SELECTIVITY;
        }
        if (operator == Comparison.Operator.NOT_EQUAL) {
            return column.hasDistinctCount() && column.distinctCount() > 0 ? nonNull * (1 - 1 / column.distinctCount()) : 1 - DEFAULT_SELECTIVITY;
        }
        if (!column.hasRange() || Double.isNaN(value)) {
            return DEFAULT_SELECTIVITY;
        }
        double span = column.max() - column.min();
        double below = span == 0 ? (value > column.min() ? 1 : 0) : Math.min(1, Math.max(0, (value - column.min()) / span));
        double share = switch (operator) {
            case LESS_THAN, LESS_THAN_OR_EQUAL -> span == 0 && value == column.min() && operator == Comparison.Operator.LESS_THAN_OR_EQUAL ? 1 : below;
            default -> span == 0 && value == column.min() && operator == Comparison.Operator.GREATER_THAN_OR_EQUAL ? 1 : 1 - below;
        };
        return nonNull * share;
    }

    /**
     * Spark's estimate for two columns compared ({@code FilterEstimation.evaluateBinaryForTwoColumns}): 0 when their
     * ranges make the comparison false for every pair of values, all non-null rows when they make it true for every
     * pair, else 1/max(distinct values) for {@code =} when both are known and the default 1/3 that Spark takes from
     * "Database Systems: The Complete Book" for a partial overlap. Without both ranges, the defaults: 1/3, and 2/3
     * for {@code !=}.
     */
    private static double twoColumnSelectivity(Comparison.Operator operator, ColumnEstimate left, ColumnEstimate right, Statistics input)
    {
        if (!left.hasRange() || !right.hasRange()) {
            return operator == Comparison.Operator.NOT_EQUAL ? 1 - DEFAULT_SELECTIVITY : DEFAULT_SELECTIVITY;
        }
        double nonNull = nonNullShare(left, input) * nonNullShare(right, input);
        boolean disjoint = left.max() < right.min() || right.max() < left.min();
        boolean single = left.min() == left.max() && right.min() == right.max();
        boolean never = switch (operator) {
            case EQUAL -> disjoint;
            case NOT_EQUAL -> single && left.min() == right.min();
            case LESS_THAN -> left.min() >= right.max();
            case LESS_THAN_OR_EQUAL -> left.min() > right.max();
            case GREATER_THAN -> left.max() <= right.min();
            case GREATER_THAN_OR_EQUAL -> left.max() < right.min();
        };
        boolean always = switch (operator) {
            case EQUAL -> single && left.min() == right.min();
            case NOT_EQUAL -> disjoint;
            case LESS_THAN -> left.max() < right.min();
            case LESS_THAN_OR_EQUAL -> left.max() <= right.min();
            case GREATER_THAN -> left.min() > right.max();
            case GREATER_THAN_OR_EQUAL -> left.min() >= right.max();
        };
        if (never) {
            return 0;
        }
        if (always) {
            return nonNull;
        }
        if (operator == Comparison.Operator.EQUAL && left.hasDistinctCount() && right.hasDistinctCount()) {
            return nonNull / Math.max(1, Math.max(left.distinctCount(), right.distinctCount()));
        }
        return operator == Comparison.Operator.NOT_EQUAL ? nonNull * (1 - DEFAULT_SELECTIVITY) : nonNull * DEFAULT_SELECTIVITY;
    }

    /** The share of {@code input}'s rows in which the column is not null, 1 when its null count is unknown. */
    private static double nonNullShare(ColumnEstimate column, Statistics input)
    {
        return column.nullCount() >= 0 && input.rowCount() > 0 ? Math.max(0, 1 - column.nullCount() / input.rowCount()) : 1;
    }

    /** Whether {@code e} is the null literal, against which every comparison is null, so no row passes. */
    private static boolean literalNullOrNot(Expression e)
    {
        return e instanceof Literal literal && literal.value() == null;
    }

    private static Statistics withRows(Statistics child, double rows)
    {
        List<ColumnEstimate> columns = child.columns().stream().map(c -> c.cappedAt(rows)).toList();
        return new Statistics(rows, rows * child.rowBytes(), columns);
    }

    /** The input's bytes per row, scaled by how wide the output row is next to the input row. */
    private static double rowBytes(Statistics input, Schema inputSchema, Schema outputSchema)
    {
        double in = width(inputSchema);
        return in == 0 ? input.rowBytes() : input.rowBytes() * width(outputSchema) / in;
    }

    /** A row's width by the default size of each column's type (Spark's {@code defaultSize}; a string counts 20). */
    static double width(Schema schema)
    {
        double width = 0;
        for (StructField field : schema.fields()) {
            width += switch (field.type().kind()) {
                case BOOLEAN -> 1;
                case INT, DATE -> 4;
                case STRING -> 20;
                default -> 8;
            };
        }
        return width;
    }

    private static double number(Object value)
    {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        return Double.NaN;
    }
}
