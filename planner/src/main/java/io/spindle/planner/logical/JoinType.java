package io.spindle.planner.logical;

import io.spindle.sql.AnalysisException;

import java.util.Locale;

/** How a join combines its sides, spelled as Spark spells them in {@code df.join(other, condition, type)}. */
public enum JoinType
{
    INNER(true, false, false),
    CROSS(true, false, false),
    LEFT_OUTER(true, true, false),
    RIGHT_OUTER(true, false, true),
    FULL_OUTER(true, true, true),
    LEFT_SEMI(false, false, false),
    LEFT_ANTI(false, false, false);

    public static final String VALID_NAMES = "inner, cross, outer, full, fullouter, full_outer, left, leftouter, left_outer, "
            + "right, rightouter, right_outer, semi, leftsemi, left_semi, anti, leftanti, left_anti";

    private final boolean outputsRight;
    private final boolean keepsUnmatchedLeft;
    private final boolean keepsUnmatchedRight;

    JoinType(boolean outputsRight, boolean keepsUnmatchedLeft, boolean keepsUnmatchedRight)
    {
        this.outputsRight = outputsRight;
        this.keepsUnmatchedLeft = keepsUnmatchedLeft;
        this.keepsUnmatchedRight = keepsUnmatchedRight;
    }

    public static JoinType fromString(String name)
    {
        String normalized = name.toLowerCase(Locale.ROOT).replace("_", "");
        return switch (normalized) {
            case "inner" -> INNER;
            case "cross" -> CROSS;
            case "outer", "full", "fullouter" -> FULL_OUTER;
            case "left", "leftouter" -> LEFT_OUTER;
            case "right", "rightouter" -> RIGHT_OUTER;
            case "semi", "leftsemi" -> LEFT_SEMI;
            case "anti", "leftanti" -> LEFT_ANTI;
            default -> throw new AnalysisException("join type '" + name + "' is not known; use one of: " + VALID_NAMES);
        };
    }

    /** Whether the right side's columns are part of the output (not for semi and anti joins). */
    public boolean outputsRight()
    {
        return outputsRight;
    }

    /** Left rows without a match come out once, with nulls for the right side. */
    public boolean keepsUnmatchedLeft()
    {
        return keepsUnmatchedLeft;
    }

    /** Right rows without a match come out once, with nulls for the left side. */
    public boolean keepsUnmatchedRight()
    {
        return keepsUnmatchedRight;
    }

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
