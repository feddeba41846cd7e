package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an operator needs of the way one input's rows are spread over partitions. {@link EnsureRequirements}
 * compares it with the input's {@link PhysicalPlan#outputPartitioning()} and inserts an exchange only where
 * it is not already met.
 */
public sealed interface Distribution
        permits Distribution.Unspecified, Distribution.AllTuples, Distribution.Clustered, Distribution.HashClustered
{
    Distribution UNSPECIFIED = new Unspecified();

    /** Whether rows spread by {@code partitioning} (empty: unknown) meet this distribution on their own. */
    boolean satisfiedBy(Optional<Partitioning> partitioning);

    /** Any spread will do. */
    record Unspecified()
            implements Distribution
    {
        @Override
        public boolean satisfiedBy(Optional<Partitioning> partitioning)
        {
            return true;
        }
    }

    /** Every row in one partition: a global aggregation without keys. */
    record AllTuples()
            implements Distribution
    {
        @Override
        public boolean satisfiedBy(Optional<Partitioning> partitioning)
        {
            return partitioning.orElse(null) instanceof Partitioning.Single;
        }
    }

    /**
     * Rows with equal {@code keys} in the same partition, whatever the partition count: met by one partition, or
     * by hashing on any non-empty subset of the keys (rows equal on all keys are equal on the subset).
     */
    record Clustered(List<Expression> keys)
            implements Distribution
    {
        public Clustered
        {
            keys = List.copyOf(requireNonNull(keys, "keys is null"));
        }

        @Override
        public boolean satisfiedBy(Optional<Partitioning> partitioning)
        {
            if (partitioning.orElse(null) instanceof Partitioning.Single) {
                return true;
            }
            return partitioning.orElse(null) instanceof Partitioning.Hash hash
                    && !hash.keys().isEmpty()
                    && hash.keys().stream().allMatch(key -> keys.stream().anyMatch(own -> PartitionKeys.sameKey(key, own)))
                    && !keys.isEmpty();
        }
    }

    /**
     * Hashed on exactly {@code keys}, in order, so that the inputs of a join that each meet it with the same
     * partition count put matching rows in partitions of the same number. The count is settled across the
     * inputs by {@link EnsureRequirements}, so it is not part of the distribution.
     */
    record HashClustered(List<Expression> keys)
            implements Distribution
    {
        public HashClustered
        {
            keys = List.copyOf(requireNonNull(keys, "keys is null"));
        }

        @Override
        public boolean satisfiedBy(Optional<Partitioning> partitioning)
        {
            return partitioning.orElse(null) instanceof Partitioning.Hash hash && PartitionKeys.sameKeys(hash.keys(), keys);
        }
    }
}
