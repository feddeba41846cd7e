package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** How rows are spread over the partitions an exchange produces. */
public sealed interface Partitioning
        extends Serializable
        permits Partitioning.Hash, Partitioning.Single, Partitioning.RoundRobin
{
    int numPartitions();

    /** Rows with equal {@code keys} land in the same partition: {@code floorMod(hash(keys), numPartitions)}. */
    record Hash(List<Expression> keys, int numPartitions)
            implements Partitioning
    {
        public Hash
        {
            keys = List.copyOf(requireNonNull(keys, "keys is null"));
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be positive: " + numPartitions);
            }
        }

        @Override
        public String toString()
        {
            return "hashpartitioning(" + keys + ", " + numPartitions + ")";
        }
    }

    /** Rows dealt to the partitions in turn, each map task starting at its own partition, so partitions come out even. */
    record RoundRobin(int numPartitions)
            implements Partitioning
    {
        public RoundRobin
        {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be positive: " + numPartitions);
            }
        }

        @Override
        public String toString()
        {
            return "RoundRobinPartitioning(" + numPartitions + ")";
        }
    }

    /** Every row in one partition. */
    record Single()
            implements Partitioning
    {
        @Override
        public int numPartitions()
        {
            return 1;
        }

        @Override
        public String toString()
        {
            return "SinglePartition";
        }
    }
}
