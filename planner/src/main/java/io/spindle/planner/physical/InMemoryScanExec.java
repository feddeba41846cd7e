package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;
import io.spindle.storage.StorageLevel;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The partitions of a cached DataFrame. Reading: no children, one task per cached partition, each meant for the
 * executor holding its block ({@link #blockExecutors()}). Computing: the cached plan is the child; each task runs
 * it for its partition, stores the rows as a block on its executor and passes them on.
 */
public final class InMemoryScanExec
        extends PhysicalPlan
{
    private final int cacheId;
    private final StorageLevel level;
    private final Schema schema;
    private final Optional<PhysicalPlan> compute;
    private final int numPartitions;
    private final Optional<Partitioning> partitioning;
    private final List<String> blockExecutors;

    private InMemoryScanExec(int cacheId, StorageLevel level, Schema schema, Optional<PhysicalPlan> compute, int numPartitions,
            Optional<Partitioning> partitioning, List<String> blockExecutors)
    {
        this.cacheId = cacheId;
        this.level = requireNonNull(level, "level is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.compute = requireNonNull(compute, "compute is null");
        this.numPartitions = numPartitions;
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
        this.blockExecutors = List.copyOf(blockExecutors);
    }

    /** Computes {@code plan} and caches each partition where it is computed. */
    public static InMemoryScanExec computing(int cacheId, StorageLevel level, PhysicalPlan plan, int numPartitions)
    {
        return new InMemoryScanExec(cacheId, level, plan.schema(), Optional.of(plan), numPartitions, plan.outputPartitioning(), List.of());
    }

    /** Reads the blocks cached from a plan of {@code schema} and {@code partitioning}; partition i is on {@code blockExecutors[i]}. */
    public static InMemoryScanExec reading(int cacheId, StorageLevel level, Schema schema, Optional<Partitioning> partitioning,
            List<String> blockExecutors)
    {
        return new InMemoryScanExec(cacheId, level, schema, Optional.empty(), blockExecutors.size(), partitioning, blockExecutors);
    }

    /** How many partitions {@code plan} produces: the partitions of its last exchange, or its scan's splits. */
    public static int outputPartitions(PhysicalPlan plan)
    {
        if (plan instanceof ExchangeExec exchange) {
            return exchange.partitioning().numPartitions();
        }
        if (plan instanceof FileScanExec scan) {
            return scan.source().splits().size();
        }
        if (plan instanceof InMemoryScanExec cached) {
            return cached.numPartitions();
        }
        if (plan instanceof LocalTableScanExec) {
            return 1;
        }
        for (PhysicalPlan child : plan.children()) {
            if (!(child instanceof BroadcastExchangeExec)) {
                return outputPartitions(child);
            }
        }
        throw new IllegalStateException("cannot tell how many partitions " + plan.describe() + " produces");
    }

    public int cacheId()
    {
        return cacheId;
    }

    public StorageLevel level()
    {
        return level;
    }

    /** The plan to compute the cached rows with, when they are not all cached yet. */
    public Optional<PhysicalPlan> compute()
    {
        return compute;
    }

    public int numPartitions()
    {
        return numPartitions;
    }

    public List<String> blockExecutors()
    {
        return blockExecutors;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return compute.map(List::of).orElse(List.of());
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        if (compute.isEmpty()) {
            if (!children.isEmpty()) {
                throw new IllegalArgumentException("a cache read has no children");
            }
            return this;
        }
        return new InMemoryScanExec(cacheId, level, schema, Optional.of(children.get(0)), numPartitions, partitioning, blockExecutors);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return compute.isPresent() ? compute.get().outputPartitioning() : partitioning;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitInMemoryScan(this, context);
    }

    @Override
    public String describe()
    {
        return "InMemoryTableScan #" + cacheId + " " + schema.names() + ", " + level
                + (compute.isPresent() ? ", caching as computed" : ", " + numPartitions + " cached partitions");
    }
}
