package io.spindle.sql;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.spindle.sql.functions.coalesce;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.lit;
import static java.util.Objects.requireNonNull;

/**
 * Dropping and filling nulls, as Spark's {@code df.na()}: {@code df.na().drop()}, {@code df.na().fill(0)},
 * {@code df.na().fill("unknown", "name")}. A fill value goes only into columns of a fitting type (a number into
 * numeric columns, a string into string columns, a boolean into boolean ones), as in Spark.
 */
public final class DataFrameNaFunctions
{
    private final DataFrame frame;

    DataFrameNaFunctions(DataFrame frame)
    {
        this.frame = requireNonNull(frame, "frame is null");
    }

    /** The rows without a null in any column. */
    public DataFrame drop()
    {
        return drop("any");
    }

    /** {@code how} is {@code any} (drop a row with any null) or {@code all} (only a row of nulls only), over every column. */
    public DataFrame drop(String how)
    {
        return drop(how, frame.columns());
    }

    /** The rows without a null in any of {@code columns}. */
    public DataFrame drop(String[] columns)
    {
        return drop("any", columns);
    }

    public DataFrame drop(String how, String[] columns)
    {
        boolean all = switch (requireNonNull(how, "how is null").toLowerCase(Locale.ROOT)) {
            case "any" -> false;
            case "all" -> true;
            default -> throw new AnalysisException("na().drop(how) takes 'any' or 'all', not '" + how + "'");
        };
        if (columns.length == 0) {
            return frame;
        }
        Column keep = null;
        for (String column : columns) {
            Column present = col(column).isNotNull();
            keep = keep == null ? present : all ? keep.or(present) : keep.and(present);
        }
        return frame.filter(keep);
    }

    /** Nulls of numeric columns replaced by {@code value}. */
    public DataFrame fill(long value)
    {
        return fill(value, frame.columns());
    }

    public DataFrame fill(double value)
    {
        return fill(value, frame.columns());
    }

    /** Nulls of string columns replaced by {@code value}. */
    public DataFrame fill(String value)
    {
        return fill(value, frame.columns());
    }

    public DataFrame fill(boolean value)
    {
        return fill(value, frame.columns());
    }

    public DataFrame fill(long value, String... columns)
    {
        return fillValue(value, columns);
    }

    public DataFrame fill(double value, String... columns)
    {
        return fillValue(value, columns);
    }

    public DataFrame fill(String value, String... columns)
    {
        return fillValue(requireNonNull(value, "value is null"), columns);
    }

    public DataFrame fill(boolean value, String... columns)
    {
        return fillValue(value, columns);
    }

    /** Each named column's nulls replaced by its own value; a value that does not fit its column fails. */
    public DataFrame fill(Map<String, Object> values)
    {
        Map<String, Object> byColumn = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            StructField field = field(name);
            if (!fits(value, field.type())) {
                throw new AnalysisException("na().fill: " + value + " does not fit column '" + field.name() + "' of type " + field.type().sqlName());
            }
            byColumn.put(field.name(), value);
        });
        return replace(byColumn);
    }

    private DataFrame fillValue(Object value, String... columns)
    {
        Map<String, Object> byColumn = new LinkedHashMap<>();
        for (String name : columns) {
            StructField field = field(name);
            if (fits(value, field.type())) {
                byColumn.put(field.name(), value);
            }
        }
        return replace(byColumn);
    }

    private DataFrame replace(Map<String, Object> byColumn)
    {
        if (byColumn.isEmpty()) {
            return frame;
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : frame.schema().fields()) {
            Object value = byColumn.get(field.name());
            columns.add(value == null
                    ? col(field.name())
                    : coalesce(col(field.name()), lit(value).cast(field.type())).as(field.name()));
        }
        return frame.select(columns.toArray(Column[]::new));
    }

    private StructField field(String name)
    {
        for (StructField field : frame.schema().fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        throw new AnalysisException("column '" + name + "' not found in " + frame.schema().names());
    }

    private static boolean fits(Object value, DataType type)
    {
        TypeKind kind = type.kind();
        if (value instanceof Number) {
            return type.isNumeric();
        }
        if (value instanceof String) {
            return kind == TypeKind.STRING;
        }
        if (value instanceof Boolean) {
            return kind == TypeKind.BOOLEAN;
        }
        return false;
    }
}
