package io.spindle.sql;

import io.spindle.conf.SpindleConf;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.parser.AstBuilder;
import io.spindle.sql.parser.SqlCatalog;
import io.spindle.sql.parser.SqlStatement;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.ExecutionBackendFactory;
import io.spindle.sql.execution.JobSummary;
import io.spindle.sql.execution.QueryResult;
import io.spindle.planner.stages.StageGraph;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.ServiceLoader;

import static java.util.Objects.requireNonNull;

/**
 * The entry point of a Spindle program, as SparkSession is of Spark's:
 * {@code SpindleSession.builder().appName("q1").getOrCreate()}. On YARN the ApplicationMaster decides where
 * jobs run; elsewhere the master is {@code local[*]} unless set. One session is active per JVM.
 * Thread-safe for running jobs one after another.
 */
public final class SpindleSession
        implements AutoCloseable
{
    private static SpindleSession active;

    private final ExecutionBackend backend;
    private final SpindleConf conf;
    /** Runs of one job after cached blocks were found gone, before the job fails. */
    private static final int MAX_CACHE_RECOMPUTES = 3;

    private final CacheManager cacheManager = new CacheManager();
    private final TempViewCatalog views = new TempViewCatalog();
    private final TableCatalog tables = new TableCatalog();
    private final TableCommands tableCommands = new TableCommands(this, tables);
    private volatile JobSummary lastJobSummary;

    private SpindleSession(ExecutionBackend backend, SpindleConf conf)
    {
        this.backend = requireNonNull(backend, "backend is null");
        this.conf = requireNonNull(conf, "conf is null");
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public static synchronized Optional<SpindleSession> active()
    {
        return Optional.ofNullable(active);
    }

    public DataFrameReader read()
    {
        return new DataFrameReader(this);
    }

    /**
     * Runs one SQL statement, in Spark SQL's dialect, as Spark's {@code spark.sql}. A query returns a lazy
     * DataFrame with the same logical plan the DataFrame API would build. A command runs at once and returns
     * its output rows: {@code CREATE [OR REPLACE] TEMPORARY VIEW v USING parquet|orc|csv|json OPTIONS (path '...')}
     * or {@code ... AS SELECT ...} (no rows), {@code SHOW TABLES}, {@code DESCRIBE [EXTENDED] v}, and
     * {@code EXPLAIN [EXTENDED|FORMATTED|COST] query} (one row, the plan text). Tables are directories of Parquet
     * files: {@code CREATE TABLE t USING parquet LOCATION '...' [AS SELECT ...]}, {@code INSERT INTO|OVERWRITE
     * TABLE t SELECT ...} and {@code ANALYZE TABLE t COMPUTE STATISTICS [FOR COLUMNS a, b | FOR ALL COLUMNS]}
     * run their jobs at once and return no rows. A command's rows can be collected, counted and shown, not
     * queried further. A temporary view hides a table of the same name, as in Spark.
     *
     * @throws io.spindle.sql.parser.ParseException when the text does not parse, naming the line, the column and what was expected
     * @throws AnalysisException when a table, column or function is unknown, or types do not fit
     */
    public DataFrame sql(String sqlText)
    {
        SqlStatement statement = AstBuilder.build(sqlText, new SessionCatalog());
        if (statement instanceof SqlStatement.Query query) {
            return new DataFrame(this, query.plan());
        }
        if (statement instanceof SqlStatement.CreateTempView create) {
            views.create(create.name(), create.plan(), create.replace());
            return local(new Schema(List.of()), List.of());
        }
        if (statement instanceof SqlStatement.CreateTable create) {
            tableCommands.create(create);
            return local(new Schema(List.of()), List.of());
        }
        if (statement instanceof SqlStatement.Insert insert) {
            tableCommands.insert(insert);
            return local(new Schema(List.of()), List.of());
        }
        if (statement instanceof SqlStatement.Analyze analyze) {
            tableCommands.analyze(analyze);
            return local(new Schema(List.of()), List.of());
        }
        if (statement instanceof SqlStatement.Explain explain) {
            String text = new DataFrame(this, explain.plan()).explainString(explain.mode());
            return local(Schema.of(new StructField("plan", DataType.STRING, false)), List.of(List.of(text)));
        }
        if (statement instanceof SqlStatement.ShowTables) {
            List<List<Object>> rows = new ArrayList<>();
            for (String name : tables.names()) {
                rows.add(List.of("default", name, false));
            }
            for (String name : views.names()) {
                rows.add(List.of("", name, true));
            }
            return local(Schema.of(new StructField("namespace", DataType.STRING, false), new StructField("tableName", DataType.STRING, false),
                    new StructField("isTemporary", DataType.BOOLEAN, false)), rows);
        }
        SqlStatement.Describe describe = (SqlStatement.Describe) statement;
        List<List<Object>> rows = new ArrayList<>();
        for (StructField field : describe.plan().schema().fields()) {
            rows.add(Arrays.asList(field.name(), field.type().sqlName(), null));
        }
        if (describe.extended() && views.lookup(describe.name()).isEmpty()) {
            tables.lookup(describe.name()).ifPresent(table -> rows.addAll(tableCommands.details(table)));
        }
        return local(Schema.of(new StructField("col_name", DataType.STRING, false), new StructField("data_type", DataType.STRING, false),
                new StructField("comment", DataType.STRING, true)), rows);
    }

    /** The temporary view or table {@code name} as a DataFrame, as Spark's {@code spark.table}. */
    /**
     * A DataFrame of rows this program holds, as Spark's {@code createDataFrame(rows, schema)}. Each row has one
     * value per column in its Java form: Boolean, Integer, Long, Double, BigDecimal (rescaled to the column's
     * scale), LocalDate, Instant or String; null where the column is nullable. The rows travel with the task
     * that reads them, so this suits small data: lookup tables, test inputs.
     *
     * @throws AnalysisException when a row has the wrong number of values, or a value does not fit its column
     */
    public DataFrame createDataFrame(List<Row> rows, Schema schema)
    {
        requireNonNull(rows, "rows is null");
        requireNonNull(schema, "schema is null");
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.size() != schema.size()) {
                throw new AnalysisException("row " + r + " has " + row.size() + " values but the schema " + schema.names()
                        + " has " + schema.size() + " columns");
            }
            List<Object> converted = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                converted.add(LocalValues.convert(row.get(c), schema.field(c), r));
            }
            values.add(Collections.unmodifiableList(converted));
        }
        return local(schema, values);
    }

    public DataFrame table(String name)
    {
        return new DataFrame(this, new SessionCatalog().view(name).orElseThrow(() -> new AnalysisException(
                "table or view '" + name + "' not found in " + new SessionCatalog().viewNames())));
    }

    /** Drops the temporary view {@code name}; false when there was none. */
    public boolean dropTempView(String name)
    {
        return views.drop(name);
    }

    TempViewCatalog views()
    {
        return views;
    }

    private DataFrame local(Schema schema, List<List<Object>> rows)
    {
        return new DataFrame(this, new LocalRelation(schema, rows));
    }

    /** What SQL text of this session can name. */
    private final class SessionCatalog
            implements SqlCatalog
    {
        @Override
        public Optional<LogicalPlan> view(String name)
        {
            Optional<LogicalPlan> view = views.lookup(name);
            return view.isPresent() ? view : tables.lookup(name).map(tableCommands::plan);
        }

        @Override
        public List<String> viewNames()
        {
            List<String> names = new ArrayList<>(views.names());
            names.addAll(tables.names());
            return names;
        }

        @Override
        public LogicalPlan openFiles(String format, Map<String, String> options)
        {
            Map<String, String> readerOptions = new LinkedHashMap<>(options);
            String path = readerOptions.remove("path");
            DataFrameReader reader = read().options(readerOptions);
            DataFrame files = switch (format.toLowerCase(Locale.ROOT)) {
                case "parquet" -> reader.parquet(path);
                case "orc" -> reader.orc(path);
                case "csv" -> reader.csv(path);
                case "json" -> reader.json(path);
                default -> throw new AnalysisException("data source '" + format + "' is not known; use parquet, orc, csv or json");
            };
            return files.logicalPlan();
        }
    }

    public SpindleConf conf()
    {
        return conf;
    }

    public Configuration hadoopConfiguration()
    {
        return backend.hadoopConfiguration();
    }

    /** The summary of the last job this session ran, or null before the first. */
    public JobSummary lastJobSummary()
    {
        return lastJobSummary;
    }

    /** Drops every cached DataFrame's blocks, as Spark's {@code spark.catalog.clearCache()}. */
    public synchronized void clearCache()
    {
        for (int id : cacheManager.ids()) {
            backend.uncache(id);
        }
        cacheManager.clear();
    }

    CacheManager cacheManager()
    {
        return cacheManager;
    }

    void uncache(int cacheId)
    {
        backend.uncache(cacheId);
    }

    synchronized QueryResult run(Supplier<StageGraph> graph, String description)
    {
        return runRecomputingLostCaches(() -> backend.run(graph.get(), description));
    }

    synchronized QueryResult write(Supplier<StageGraph> graph, String description, FileOutputSpec output)
    {
        return runRecomputingLostCaches(() -> backend.write(graph.get(), description, output));
    }

    /**
     * Runs a job; when a task finds a cached partition gone, forgets where that cache's blocks are and runs the job
     * again, planned afresh, so the cache is recomputed from its plan (and stored again) instead of read.
     */
    private QueryResult runRecomputingLostCaches(Supplier<QueryResult> job)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                QueryResult result = job.get();
                cacheManager.recordBlocks(result.cachedBlocks());
                lastJobSummary = result.summary();
                return result;
            }
            catch (CachedBlockMissingException e) {
                if (attempt >= MAX_CACHE_RECOMPUTES) {
                    throw e;
                }
                cacheManager.forgetBlocks(e.cacheId());
            }
        }
    }

    public void stop()
    {
        close();
    }

    @Override
    public void close()
    {
        synchronized (SpindleSession.class) {
            if (active == this) {
                active = null;
            }
        }
        backend.close();
    }

    public static final class Builder
    {
        private final Map<String, String> options = new LinkedHashMap<>();

        public Builder appName(String name)
        {
            return config(SqlConfig.APP_NAME.name(), name);
        }

        public Builder master(String master)
        {
            return config(SqlConfig.MASTER.name(), master);
        }

        public Builder config(String key, String value)
        {
            options.put(key, value);
            return this;
        }

        public Builder config(String key, long value)
        {
            return config(key, String.valueOf(value));
        }

        /**
         * The active session if there is one, else a new one. Settings come from {@code spindle.*} system
         * properties, then from this builder; the master is {@code spindle.master}, or local[*].
         */
        public SpindleSession getOrCreate()
        {
            synchronized (SpindleSession.class) {
                if (active != null) {
                    return active;
                }
                // as SparkConf reads spark.* system properties: settings given on the command line arrive this way
                Map<String, String> settings = new LinkedHashMap<>();
                System.getProperties().stringPropertyNames().stream()
                        .filter(key -> key.startsWith("spindle."))
                        .forEach(key -> settings.put(key, System.getProperty(key)));
                settings.putAll(options);
                String master = settings.getOrDefault(SqlConfig.MASTER.name(), SqlConfig.MASTER.defaultValue());
                SpindleConf requested = new SpindleConf(settings);
                ExecutionBackend backend = null;
                for (ExecutionBackendFactory factory : ServiceLoader.load(ExecutionBackendFactory.class)) {
                    if (factory.accepts(master)) {
                        backend = factory.create(master, requested);
                        break;
                    }
                }
                if (backend == null) {
                    throw new IllegalArgumentException("no execution backend accepts master '" + master
                            + "'; use local[N], local[*] or yarn, and put spindle-am on the class path");
                }
                SpindleConf merged = backend.conf().copy();
                settings.forEach(merged::set);
                active = new SpindleSession(backend, merged);
                return active;
            }
        }
    }
}
