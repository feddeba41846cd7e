package io.spindle.planner.types;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a schema. */
public record StructField(String name, DataType type, boolean nullable)
{
    public StructField
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    @Override
    public String toString()
    {
        return name + ": " + type.sqlName() + (nullable ? "" : " not null");
    }
}
