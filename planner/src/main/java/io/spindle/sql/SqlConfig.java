package io.spindle.sql;

import io.spindle.conf.ConfigKey;

/** Settings the planner reads. */
public final class SqlConfig
{
    public static final ConfigKey<Integer> SHUFFLE_PARTITIONS = ConfigKey.intKey("spindle.sql.shuffle.partitions", 8,
            "partitions of a shuffle for aggregations, as Spark's spark.sql.shuffle.partitions; 8 suits small clusters, raise it with the data");
    public static final ConfigKey<Long> MAX_PARTITION_BYTES = ConfigKey.bytesKey("spindle.sql.files.maxPartitionBytes", "128m",
            "most compressed bytes of whole row groups one scan task reads, as Spark's spark.sql.files.maxPartitionBytes");
    public static final ConfigKey<Long> AUTO_BROADCAST_JOIN_THRESHOLD = ConfigKey.bytesKey("spindle.sql.autoBroadcastJoinThreshold", "10m",
            "largest estimated size of a join side that is sent whole to every task instead of shuffling both sides, as Spark's spark.sql.autoBroadcastJoinThreshold; 0 turns it off");
    public static final ConfigKey<Boolean> PREFER_SORT_MERGE_JOIN = ConfigKey.booleanKey("spindle.sql.join.preferSortMergeJoin", true,
            "whether an equi-join of two sides too big to broadcast sorts and merges them rather than building a hash table of one, as Spark's spark.sql.join.preferSortMergeJoin");
    public static final ConfigKey<Boolean> JOIN_REORDER_ENABLED = ConfigKey.booleanKey("spindle.sql.cbo.joinReorder.enabled", true,
            "whether inner joins of three or more inputs are reordered by estimated rows, smallest first, as Spark's spark.sql.cbo.joinReorder.enabled");
    public static final ConfigKey<Boolean> PARQUET_PAGE_INDEX_FILTER_ENABLED = ConfigKey.booleanKey("spindle.sql.parquet.pageIndexFilter.enabled", true,
            "whether a Parquet scan with pushed filters reads only the pages whose column-index min/max/null counts may match them, as parquet-mr's column-index filter; the filter still runs above the scan");
    public static final ConfigKey<String> MASTER = ConfigKey.stringKey("spindle.master", "local[*]",
            "where jobs run: local[N] (threads in this JVM) or yarn (set by the ApplicationMaster)");
    public static final ConfigKey<String> APP_NAME = ConfigKey.stringKey("spindle.app.name", "spindle", "the application's name");

    private SqlConfig()
    {
    }
}
