package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE e END}: the value of the first branch whose condition
 * is true (a null condition is not true), else {@code e}, else null. Children are the conditions and values
 * interleaved, then the else value when there is one.
 */
public final class CaseWhen
        extends Expression
{
    private final List<Expression> conditions;
    private final List<Expression> values;
    private final Optional<Expression> elseValue;
    private final DataType type;

    public CaseWhen(List<Expression> conditions, List<Expression> values, Optional<Expression> elseValue)
    {
        this(conditions, values, elseValue, null);
    }

    /** A resolved CASE; {@code type} is null only before analysis. */
    public CaseWhen(List<Expression> conditions, List<Expression> values, Optional<Expression> elseValue, DataType type)
    {
        this.conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
        this.values = List.copyOf(requireNonNull(values, "values is null"));
        this.elseValue = requireNonNull(elseValue, "elseValue is null");
        this.type = type;
        if (this.conditions.isEmpty() || this.conditions.size() != this.values.size()) {
            throw new IllegalArgumentException("CASE needs one value per condition and at least one branch");
        }
    }

    public List<Expression> conditions()
    {
        return conditions;
    }

    public List<Expression> values()
    {
        return values;
    }

    public Optional<Expression> elseValue()
    {
        return elseValue;
    }

    /** This CASE with one more branch at the end. */
    public CaseWhen addBranch(Expression condition, Expression value)
    {
        List<Expression> c = new ArrayList<>(conditions);
        List<Expression> v = new ArrayList<>(values);
        c.add(condition);
        v.add(value);
        return new CaseWhen(c, v, elseValue, null);
    }

    public CaseWhen withElse(Expression value)
    {
        return new CaseWhen(conditions, values, Optional.of(value), null);
    }

    @Override
    public List<Expression> children()
    {
        List<Expression> children = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            children.add(conditions.get(i));
            children.add(values.get(i));
        }
        elseValue.ifPresent(children::add);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        List<Expression> c = new ArrayList<>();
        List<Expression> v = new ArrayList<>();
        int branches = children.size() / 2;
        for (int i = 0; i < branches; i++) {
            c.add(children.get(2 * i));
            v.add(children.get(2 * i + 1));
        }
        Optional<Expression> e = children.size() % 2 == 1 ? Optional.of(children.get(children.size() - 1)) : Optional.empty();
        return new CaseWhen(c, v, e, type);
    }

    @Override
    public boolean resolved()
    {
        return type != null && super.resolved();
    }

    @Override
    public DataType type()
    {
        if (type == null) {
            throw new IllegalStateException("unresolved " + this + " has no type yet");
        }
        return type;
    }

    @Override
    public boolean nullable()
    {
        return elseValue.isEmpty() || elseValue.get().nullable() || values.stream().anyMatch(Expression::nullable);
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitCaseWhen(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof CaseWhen other && conditions.equals(other.conditions) && values.equals(other.values)
                && elseValue.equals(other.elseValue) && Objects.equals(type, other.type);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(conditions, values, elseValue, type);
    }

    @Override
    public String defaultName()
    {
        StringBuilder name = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            name.append(" WHEN ").append(conditions.get(i).defaultName()).append(" THEN ").append(values.get(i).defaultName());
        }
        elseValue.ifPresent(e -> name.append(" ELSE ").append(e.defaultName()));
        return name.append(" END").toString();
    }

    @Override
    public String toString()
    {
        StringBuilder name = new StringBuilder("case");
        for (int i = 0; i < conditions.size(); i++) {
            name.append(" when ").append(conditions.get(i)).append(" then ").append(values.get(i));
        }
        elseValue.ifPresent(e -> name.append(" else ").append(e));
        return name.append(" end").toString();
    }
}
