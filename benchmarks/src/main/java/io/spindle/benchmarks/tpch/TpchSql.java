package io.spindle.benchmarks.tpch;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The TPC-H queries as SQL text, which Spark SQL and DuckDB both run over views named after the tables.
 * Parameters are the specification's validation values. The generator writes money, quantities and
 * discounts as DOUBLE, so Q6 bounds the discount with {@code between 0.05 and 0.07}: in double arithmetic
 * the specification's {@code 0.06 + 0.01} is just below 0.07 and would drop the rows at 0.07.
 */
final class TpchSql
{
    private static final Map<String, String> QUERIES = Map.of(
            "q1", """
                    select
                        l_returnflag,
                        l_linestatus,
                        sum(l_quantity) as sum_qty,
                        sum(l_extendedprice) as sum_base_price,
                        sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
                        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
                        avg(l_quantity) as avg_qty,
                        avg(l_extendedprice) as avg_price,
                        avg(l_discount) as avg_disc,
                        count(*) as count_order
                    from
                        lineitem
                    where
                        l_shipdate <= date '1998-09-02'
                    group by
                        l_returnflag,
                        l_linestatus
                    order by
                        l_returnflag,
                        l_linestatus
                    """,
            "q6", """
                    select
                        sum(l_extendedprice * l_discount) as revenue
                    from
                        lineitem
                    where
                        l_shipdate >= date '1994-01-01'
                        and l_shipdate < date '1995-01-01'
                        and l_discount between 0.05 and 0.07
                        and l_quantity < 24
                    """);

    /** The TPC-H tables, which the SQL engines register as views where the data directory has them. */
    static final List<String> TABLES = List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region");

    private TpchSql()
    {
    }

    static String query(String name)
    {
        String sql = QUERIES.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no SQL text for TPC-H query '" + name + "'; there is SQL for " + new TreeSet<>(QUERIES.keySet()));
        }
        return sql;
    }
}
