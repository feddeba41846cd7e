package io.spindle.planner.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** The ordered columns of a relation. Names match case-insensitively, as in Spark's default. */
public record Schema(List<StructField> fields)
{
    public Schema
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    public static Schema of(StructField... fields)
    {
        return new Schema(List.of(fields));
    }

    public int size()
    {
        return fields.size();
    }

    public StructField field(int index)
    {
        return fields.get(index);
    }

    public List<String> names()
    {
        List<String> names = new ArrayList<>(fields.size());
        for (StructField f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** Every position whose name equals {@code name}, ignoring case. */
    public List<Integer> indexesOf(String name)
    {
        List<Integer> matches = new ArrayList<>(1);
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().toLowerCase(Locale.ROOT).equals(wanted)) {
                matches.add(i);
            }
        }
        return matches;
    }

    public OptionalInt indexOf(String name)
    {
        List<Integer> matches = indexesOf(name);
        return matches.isEmpty() ? OptionalInt.empty() : OptionalInt.of(matches.get(0));
    }

    /** A tree like Spark's {@code printSchema()}. */
    public String treeString()
    {
        StringBuilder out = new StringBuilder("root\n");
        for (StructField f : fields) {
            out.append(" |-- ").append(f.name()).append(": ").append(f.type().sqlName())
                    .append(" (nullable = ").append(f.nullable()).append(")\n");
        }
        return out.toString();
    }
}
