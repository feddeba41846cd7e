package io.spindle.client.demo;

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
            new Query("q6", TpchQueries::q6));

    public static Query byName(String name)
    {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(q -> q.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TPC-H query '" + name + "'; Spindle has "
                        + ALL.stream().map(Query::name).toList()));
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
