package io.spindle.planner.types;

/** The families of SQL types Spindle knows, each with one physical layout in a column vector. */
public enum TypeKind
{
    /** one byte a value, 0 or 1 */
    BOOLEAN,
    /** 32-bit signed integer */
    INT,
    /** 64-bit signed integer */
    LONG,
    /** IEEE 754 double */
    DOUBLE,
    /** fixed point: an unscaled 64-bit integer and the type's scale */
    DECIMAL,
    /** days since 1970-01-01, 32-bit */
    DATE,
    /** microseconds since 1970-01-01T00:00Z, 64-bit */
    TIMESTAMP,
    /** UTF-8 bytes */
    STRING
}
