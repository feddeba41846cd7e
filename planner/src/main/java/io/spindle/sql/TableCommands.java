package io.spindle.sql;

import io.spindle.planner.analyzer.NameSuggester;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.source.TableStatistics;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.parser.SqlStatement;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.countDistinct;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static java.util.Objects.requireNonNull;

/**
 * Runs the SQL statements that make, fill and measure the session's tables: {@code CREATE TABLE}, {@code INSERT},
 * {@code ANALYZE TABLE}, and the table details of {@code DESCRIBE EXTENDED}. Writes go through
 * {@link DataFrameWriter}, so a failed statement leaves a table's files as they were.
 */
final class TableCommands
{
    private static final Set<TypeKind> ORDERED = Set.of(TypeKind.INT, TypeKind.LONG, TypeKind.DOUBLE, TypeKind.DECIMAL, TypeKind.DATE);

    private final SpindleSession session;
    private final TableCatalog tables;

    TableCommands(SpindleSession session, TableCatalog tables)
    {
        this.session = requireNonNull(session, "session is null");
        this.tables = requireNonNull(tables, "tables is null");
    }

    /** The table's files as listed now, carrying what ANALYZE TABLE measured of them. */
    LogicalPlan plan(TableCatalog.Table table)
    {
        FileRelation files = files(table);
        return table.statistics().isPresent() ? files.withAnalyzed(table.statistics().get()) : files;
    }

    private FileRelation files(TableCatalog.Table table)
    {
        return (FileRelation) session.read().parquet(table.location()).logicalPlan();
    }

    /**
     * With a query, writes its rows to the location, which must be new or empty, as Spark's CTAS; then registers
     * the table, after checking that the location holds Parquet files of one schema.
     */
    void create(SqlStatement.CreateTable create)
    {
        tables.checkNameFree(create.name());
        if (create.query().isPresent()) {
            boolean exists = checkEmptyOrAbsent(create.name(), create.location());
            LogicalPlan query = create.query().get();
            // as Spark writes files: every column nullable, so that later inserts of nullable rows fit
            Schema fileSchema = new Schema(query.schema().fields().stream().map(f -> new StructField(f.name(), f.type(), true)).toList());
            new DataFrame(session, query).write()
                    .mode(exists ? SaveMode.OVERWRITE : SaveMode.ERROR_IF_EXISTS)
                    .parquet(create.location(), fileSchema);
        }
        TableCatalog.Table table = new TableCatalog.Table(create.name(), create.location(), Optional.empty());
        files(table);
        tables.create(table);
    }

    /** Whether the location exists (as an empty directory); fails when it holds anything. */
    private boolean checkEmptyOrAbsent(String name, String location)
    {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(session.hadoopConfiguration());
            if (!fs.exists(path)) {
                return false;
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory() && fs.listStatus(path).length == 0) {
                return true;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot check location " + location + " of table '" + name + "': " + e.getMessage(), e);
        }
        throw new AnalysisException("CREATE TABLE " + name + " ... AS SELECT: location " + location + " is not empty; choose a new or empty"
                + " location, or register the files there with CREATE TABLE " + name + " USING parquet LOCATION '" + location + "'");
    }

    /** Writes the query's rows into the table by position, widening numeric types; drops the table's measured statistics. */
    void insert(SqlStatement.Insert insert)
    {
        TableCatalog.Table table = table(insert.table(), "INSERT");
        Schema target = files(table).schema();
        Schema source = insert.query().schema();
        if (target.size() != source.size()) {
            throw new AnalysisException("cannot insert into table '" + table.name() + "': it has " + target.size() + " columns " + target.names()
                    + " but the query gives " + source.size() + " " + source.names() + "; select one value for each column, in the table's order");
        }
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            StructField to = target.field(i);
            StructField from = source.field(i);
            Expression value = new ColumnRef(i, from.name(), from.type(), from.nullable());
            if (!from.type().equals(to.type())) {
                if (!widens(from.type(), to.type())) {
                    throw new AnalysisException("cannot insert into table '" + table.name() + "': query column " + (i + 1) + " '" + from.name()
                            + "' is " + from.type().sqlName() + " but table column '" + to.name() + "' is " + to.type().sqlName()
                            + "; cast it in the query: CAST(" + from.name() + " AS " + to.type().sqlName() + ")");
                }
                value = new Cast(value, to.type());
            }
            if (!to.nullable() && from.nullable()) {
                throw new AnalysisException("cannot insert into table '" + table.name() + "': table column '" + to.name()
                        + "' is NOT NULL in its files but query column " + (i + 1) + " '" + from.name() + "' may be null; filter or coalesce the nulls");
            }
            columns.add(new Alias(value, to.name()));
        }
        new DataFrame(session, new Project(insert.query(), columns)).write()
                .mode(insert.overwrite() ? SaveMode.OVERWRITE : SaveMode.APPEND)
                .parquet(table.location(), target);
        // measured statistics describe files that are gone or no longer all; as Spark, forget them rather than mislead the planner
        tables.replaceStatistics(table.name(), Optional.empty());
    }

    /** Types whose every value the wider type holds exactly, or (to double) as closely as Spark's store assignment does. */
    private static boolean widens(DataType from, DataType to)
    {
        TypeKind a = from.kind();
        TypeKind b = to.kind();
        if (b == TypeKind.DOUBLE) {
            return a == TypeKind.INT || a == TypeKind.LONG || a == TypeKind.DECIMAL;
        }
        if (b == TypeKind.LONG) {
            return a == TypeKind.INT;
        }
        if (b == TypeKind.DECIMAL) {
            int integerDigits = to.precision() - to.scale();
            return switch (a) {
                case INT -> integerDigits >= 10;
                case LONG -> integerDigits >= 19;
                case DECIMAL -> to.scale() >= from.scale() && integerDigits >= from.precision() - from.scale();
                default -> false;
            };
        }
        return false;
    }

    /**
     * Counts the table's rows, and for the columns asked for their nulls, distinct values and (for numbers and
     * dates) least and greatest values, by running jobs: one for the counts and ranges, one per column for its
     * distinct values. Keeps earlier measurements of columns not measured again.
     */
    void analyze(SqlStatement.Analyze analyze)
    {
        TableCatalog.Table table = table(analyze.table(), "ANALYZE TABLE");
        FileRelation files = files(table);
        Schema schema = files.schema();
        List<Integer> positions = new ArrayList<>();
        if (analyze.allColumns()) {
            for (int i = 0; i < schema.size(); i++) {
                positions.add(i);
            }
        }
        for (String name : analyze.columns()) {
            positions.add(position(table, schema, name));
        }
        DataFrame rows = new DataFrame(session, files);
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count("*"));
        for (int position : positions) {
            String name = schema.field(position).name();
            aggregates.add(count(col(name)));
            if (ORDERED.contains(schema.field(position).type().kind())) {
                aggregates.add(min(col(name)));
                aggregates.add(max(col(name)));
            }
        }
        Row measured = rows.agg(aggregates.toArray(Column[]::new)).collect().get(0);
        long rowCount = measured.getLong(0);
        Map<Integer, TableStatistics.Column> columns = new HashMap<>(table.statistics().map(TableStatistics::columns).orElse(Map.of()));
        int at = 1;
        for (int position : positions) {
            String name = schema.field(position).name();
            long nonNull = measured.getLong(at++);
            Object least = null;
            Object greatest = null;
            if (ORDERED.contains(schema.field(position).type().kind())) {
                least = measured.get(at++);
                greatest = measured.get(at++);
            }
            long distinct = nonNull == 0 ? 0 : rows.agg(countDistinct(col(name))).collect().get(0).getLong(0);
            columns.put(position, new TableStatistics.Column(least, greatest, rowCount - nonNull, distinct));
        }
        tables.replaceStatistics(table.name(), Optional.of(new TableStatistics(rowCount, columns)));
    }

    /** DESCRIBE EXTENDED's rows after the columns, in Spark's layout: where the table is and what was measured of it. */
    List<List<Object>> details(TableCatalog.Table table)
    {
        FileRelation files = files(table);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("", "", null));
        rows.add(Arrays.asList("# Detailed Table Information", "", null));
        rows.add(Arrays.asList("Table", table.name(), null));
        rows.add(Arrays.asList("Type", "EXTERNAL", null));
        rows.add(Arrays.asList("Provider", "parquet", null));
        rows.add(Arrays.asList("Location", table.location(), null));
        if (table.statistics().isPresent()) {
            TableStatistics statistics = table.statistics().get();
            rows.add(Arrays.asList("Statistics", files.source().totalBytes() + " bytes, " + statistics.rowCount() + " rows", null));
            Schema schema = files.schema();
            for (int i = 0; i < schema.size(); i++) {
                Optional<TableStatistics.Column> column = statistics.column(i);
                if (column.isPresent()) {
                    TableStatistics.Column c = column.get();
                    rows.add(Arrays.asList("Column Statistics " + schema.field(i).name(), "min " + c.min() + ", max " + c.max()
                            + ", num_nulls " + c.nullCount() + ", distinct_count " + c.distinctCount(), null));
                }
            }
        }
        return rows;
    }

    private TableCatalog.Table table(String name, String statement)
    {
        return tables.lookup(name).orElseThrow(() -> {
            boolean view = session.views().lookup(name).isPresent();
            return new AnalysisException(statement + " " + name + ": " + (view ? "'" + name + "' is a temporary view, not a table"
                    : "table '" + name + "' not found in " + tables.names())
                    + "; " + statement + " works on tables made by CREATE TABLE ... USING parquet LOCATION '...'");
        });
    }

    private static int position(TableCatalog.Table table, Schema schema, String name)
    {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        String hint = NameSuggester.closest(name, schema.names()).map(s -> "; did you mean '" + s + "'?").orElse("");
        throw new AnalysisException("ANALYZE TABLE " + table.name() + ": column '" + name + "' not found in " + schema.names() + hint);
    }
}
