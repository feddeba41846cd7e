package io.spindle.client.demo;

import io.spindle.sql.Column;
import io.spindle.sql.DataFrame;
import io.spindle.sql.SpindleSession;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import static io.spindle.sql.functions.avg;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.sum;

/**
 * TPC-H queries written with the DataFrame API, over tables stored as {@code <root>/<table>} Parquet
 * directories. Parameters are the specification's validation values.
 */
public final class TpchQueries
{
    private TpchQueries()
    {
    }

    /** A query by its TPC-H number. */
    public record Query(String name, BiFunction<SpindleSession, String, DataFrame> build)
    {
    }

    public static final List<Query> ALL = List.of(
            new Query("q1", TpchQueries::q1),
            new Query("q3", TpchQueries::q3),
            new Query("q5", TpchQueries::q5),
            new Query("q6", TpchQueries::q6),
            new Query("q10", TpchQueries::q10));

    public static Query byName(String name)
    {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(q -> q.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TPC-H query '" + name + "'; the DataFrame versions are "
                        + ALL.stream().map(Query::name).toList() + "; add --sql to run any of q1 to q22 from its SQL text"));
    }

    /** The 22 TPC-H queries in the specification's SQL text, run through {@code session.sql} over temporary views of the tables. */
    public static final List<Query> SQL = sqlQueries();

    /** The SQL text of query {@code name} (q1 to q22). */
    public static Query sqlByName(String name)
    {
        String wanted = name.toLowerCase(Locale.ROOT);
        return SQL.stream().filter(q -> q.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TPC-H query '" + name + "'; the SQL texts are q1 to q22"));
    }

    private static List<Query> sqlQueries()
    {
        List<Query> queries = new java.util.ArrayList<>();
        for (int q = 1; q <= 22; q++) {
            String resource = "/tpch/q" + q + ".sql";
            queries.add(new Query("q" + q, (session, root) -> {
                registerViews(session, root);
                return session.sql(sqlText(resource));
            }));
        }
        return List.copyOf(queries);
    }

    private static String sqlText(String resource)
    {
        try (java.io.InputStream in = TpchQueries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the TPC-H text " + resource + " is missing from the class path (it ships in spindle-planner)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Views named as the TPC-H tables over the Parquet directories under {@code root}. */
    public static void registerViews(SpindleSession session, String root)
    {
        for (String table : List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region")) {
            session.sql("CREATE OR REPLACE TEMPORARY VIEW " + table + " USING parquet OPTIONS (path '" + root + "/" + table + "')");
        }
    }

    static DataFrame table(SpindleSession session, String root, String table)
    {
        return session.read().parquet(root + "/" + table);
    }

    /** Pricing summary report. */
    public static DataFrame q1(SpindleSession session, String root)
    {
        DataFrame lineitem = table(session, root, "lineitem");
        return lineitem
                .filter(col("l_shipdate").leq(lit(LocalDate.of(1998, 9, 2))))
                .withColumn("disc_price", col("l_extendedprice").multiply(lit(1).minus(col("l_discount"))))
                .withColumn("charge", col("l_extendedprice").multiply(lit(1).minus(col("l_discount"))).multiply(lit(1).plus(col("l_tax"))))
                .groupBy("l_returnflag", "l_linestatus")
                .agg(
                        sum("l_quantity").as("sum_qty"),
                        sum("l_extendedprice").as("sum_base_price"),
                        sum("disc_price").as("sum_disc_price"),
                        sum("charge").as("sum_charge"),
                        avg("l_quantity").as("avg_qty"),
                        avg("l_extendedprice").as("avg_price"),
                        avg("l_discount").as("avg_disc"),
                        count("*").as("count_order"))
                .orderBy("l_returnflag", "l_linestatus");
    }

    private static Column revenue()
    {
        return col("l_extendedprice").multiply(lit(1).minus(col("l_discount")));
    }

    /** Shipping priority: the ten unshipped orders of the BUILDING segment with the highest revenue. */
    public static DataFrame q3(SpindleSession session, String root)
    {
        LocalDate date = LocalDate.of(1995, 3, 15);
        DataFrame customer = table(session, root, "customer").filter(col("c_mktsegment").equalTo("BUILDING"));
        DataFrame orders = table(session, root, "orders").filter(col("o_orderdate").lt(lit(date)));
        DataFrame lineitem = table(session, root, "lineitem").filter(col("l_shipdate").gt(lit(date)));
        return customer
                .join(orders, col("c_custkey").equalTo(col("o_custkey")))
                .join(lineitem, col("l_orderkey").equalTo(col("o_orderkey")))
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(sum(revenue()).as("revenue"))
                .select(col("l_orderkey"), col("revenue"), col("o_orderdate"), col("o_shippriority"))
                .orderBy(col("revenue").desc(), col("o_orderdate"))
                .limit(10);
    }

    /** Local supplier volume: revenue of ASIA's nations from suppliers and customers of the same nation in 1994. */
    public static DataFrame q5(SpindleSession session, String root)
    {
        DataFrame region = table(session, root, "region").filter(col("r_name").equalTo("ASIA"));
        DataFrame orders = table(session, root, "orders")
                .filter(col("o_orderdate").geq(lit(LocalDate.of(1994, 1, 1))).and(col("o_orderdate").lt(lit(LocalDate.of(1995, 1, 1)))));
        return region
                .join(table(session, root, "nation"), col("r_regionkey").equalTo(col("n_regionkey")))
                .join(table(session, root, "supplier"), col("n_nationkey").equalTo(col("s_nationkey")))
                .join(table(session, root, "lineitem"), col("s_suppkey").equalTo(col("l_suppkey")))
                .join(orders, col("l_orderkey").equalTo(col("o_orderkey")))
                .join(table(session, root, "customer"), col("o_custkey").equalTo(col("c_custkey")).and(col("c_nationkey").equalTo(col("s_nationkey"))))
                .groupBy("n_name")
                .agg(sum(revenue()).as("revenue"))
                .orderBy(col("revenue").desc());
    }

    /** Returned item reporting: the twenty customers who lost the most revenue to returns in a quarter. */
    public static DataFrame q10(SpindleSession session, String root)
    {
        DataFrame orders = table(session, root, "orders")
                .filter(col("o_orderdate").geq(lit(LocalDate.of(1993, 10, 1))).and(col("o_orderdate").lt(lit(LocalDate.of(1994, 1, 1)))));
        DataFrame lineitem = table(session, root, "lineitem").filter(col("l_returnflag").equalTo("R"));
        return table(session, root, "customer")
                .join(orders, col("c_custkey").equalTo(col("o_custkey")))
                .join(lineitem, col("l_orderkey").equalTo(col("o_orderkey")))
                .join(table(session, root, "nation"), col("c_nationkey").equalTo(col("n_nationkey")))
                .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
                .agg(sum(revenue()).as("revenue"))
                .select(col("c_custkey"), col("c_name"), col("revenue"), col("c_acctbal"), col("n_name"), col("c_address"), col("c_phone"), col("c_comment"))
                .orderBy(col("revenue").desc(), col("c_custkey"))
                .limit(20);
    }

    /** Forecasting revenue change. The discount bounds are written for DOUBLE columns. */
    public static DataFrame q6(SpindleSession session, String root)
    {
        DataFrame lineitem = table(session, root, "lineitem");
        return lineitem
                .filter(col("l_shipdate").geq(lit(LocalDate.of(1994, 1, 1)))
                        .and(col("l_shipdate").lt(lit(LocalDate.of(1995, 1, 1))))
                        .and(col("l_discount").between(0.05, 0.07))
                        .and(col("l_quantity").lt(24)))
                .agg(sum(col("l_extendedprice").multiply(col("l_discount"))).as("revenue"));
    }
}
