package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Union;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the inputs of a union and lines them up, as Spark does: by position (the first input's names win),
 * or by name; columns of different numeric types widen to a common type, other mismatches fail naming the
 * columns.
 */
public final class UnionAnalyzer
{
    private UnionAnalyzer()
    {
    }

    public static LogicalPlan byPosition(LogicalPlan left, LogicalPlan right)
    {
        Schema l = left.schema();
        Schema r = right.schema();
        if (l.size() != r.size()) {
            throw new AnalysisException("union needs inputs with the same number of columns, but the first has " + l.size() + " " + l.names()
                    + " and the second " + r.size() + " " + r.names() + "; select matching columns first");
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            StructField a = l.field(i);
            StructField b = r.field(i);
            if (a.type().equals(b.type())) {
                types.add(a.type());
            }
            else if (a.type().isNumeric() && b.type().isNumeric()) {
                types.add(ExpressionAnalyzer.commonNumeric(a.type(), b.type()));
            }
            else {
                throw new AnalysisException("union column " + (i + 1) + " is '" + a.name() + "' (" + a.type().sqlName() + ") in the first input but '"
                        + b.name() + "' (" + b.type().sqlName() + ") in the second; cast one to the other's type");
            }
        }
        return new Union(List.of(castTo(left, types, l), castTo(right, types, l)));
    }

    /** Lines {@code right}'s columns up with {@code left}'s by name (case-insensitively), then unions by position. */
    public static LogicalPlan byName(LogicalPlan left, LogicalPlan right)
    {
        Schema l = left.schema();
        Schema r = right.schema();
        if (l.size() != r.size()) {
            throw new AnalysisException("unionByName needs inputs with the same columns, but they are " + l.names() + " and " + r.names());
        }
        List<Expression> reordered = new ArrayList<>();
        for (String name : l.names()) {
            try {
                reordered.add(ExpressionAnalyzer.resolveColumn(name, r));
            }
            catch (AnalysisException e) {
                throw new AnalysisException("unionByName: column '" + name + "' of the first input is not in the second " + r.names(), e);
            }
        }
        return byPosition(left, new Project(right, reordered));
    }

    private static LogicalPlan castTo(LogicalPlan input, List<DataType> types, Schema names)
    {
        Schema schema = input.schema();
        boolean same = true;
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            StructField field = schema.field(i);
            Expression ref = new ColumnRef(i, field.name(), field.type(), field.nullable());
            if (field.type().equals(types.get(i))) {
                columns.add(ref);
            }
            else {
                same = false;
                columns.add(new Alias(FunctionAnalyzer.castIfNeeded(ref, types.get(i)), names.field(i).name()));
            }
        }
        return same ? input : new Project(input, columns);
    }
}
