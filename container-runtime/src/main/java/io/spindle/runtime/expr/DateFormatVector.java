package io.spindle.runtime.expr;

import io.spindle.planner.expressions.DateTimePattern;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * date_format(date or timestamp, pattern): the fields written as ASCII bytes straight into the result, in
 * English names as Spark's default locale writes them. A date's time of day is midnight; timestamps are UTC.
 */
final class DateFormatVector
        implements VectorExpression
{
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private final VectorExpression child;
    private final List<DateTimePattern.Token> tokens;
    private final byte[][] literals;

    DateFormatVector(VectorExpression child, DateTimePattern pattern)
    {
        this.child = child;
        this.tokens = pattern.tokens();
        this.literals = new byte[tokens.size()][];
        for (int t = 0; t < tokens.size(); t++) {
            String text = tokens.get(t).text();
            literals[t] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector input = child.evaluate(batch);
        int[] days = input instanceof IntVector dates ? dates.values() : null;
        long[] micros = input instanceof LongVector times ? times.values() : null;
        StringVector.Builder builder = new StringVector.Builder(rows, rows * 12);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int epochDay;
            long microsOfDay;
            if (days != null) {
                epochDay = days[i];
                microsOfDay = 0;
            }
            else {
                epochDay = (int) Math.floorDiv(micros[i], CivilDates.MICROS_PER_DAY);
                microsOfDay = Math.floorMod(micros[i], CivilDates.MICROS_PER_DAY);
            }
            int length = format(epochDay, microsOfDay, scratch);
            if (length < 0) {
                scratch = new byte[scratch.length * 4];
                length = format(epochDay, microsOfDay, scratch);
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }

    /** Writes one value into {@code out}; -1 when it does not fit. */
    private int format(int epochDay, long microsOfDay, byte[] out)
    {
        long civil = CivilDates.civil(epochDay);
        int at = 0;
        for (int t = 0; t < tokens.size(); t++) {
            DateTimePattern.Token token = tokens.get(t);
            if (out.length - at < 32 + token.width() + (literals[t] == null ? 0 : literals[t].length)) {
                return -1;
            }
            int width = token.width();
            at = switch (token.letter()) {
                case 0 -> {
                    System.arraycopy(literals[t], 0, out, at, literals[t].length);
                    yield at + literals[t].length;
                }
                case 'y' -> width == 2
                        ? number(out, at, Math.floorMod(CivilDates.year(civil), 100), 2)
                        : number(out, at, CivilDates.year(civil), width);
                case 'M' -> width >= 3
                        ? name(out, at, MONTHS[CivilDates.month(civil) - 1], width)
                        : number(out, at, CivilDates.month(civil), width);
                case 'd' -> number(out, at, CivilDates.day(civil), width);
                case 'D' -> number(out, at, epochDay - CivilDates.epochDay(CivilDates.year(civil), 1, 1) + 1, width);
                case 'E' -> name(out, at, DAYS[CivilDates.isoDayOfWeek(epochDay) - 1], width);
                case 'H' -> number(out, at, (int) (microsOfDay / 3_600_000_000L), width);
                case 'h' -> number(out, at, (int) ((microsOfDay / 3_600_000_000L + 11) % 12 + 1), width);
                case 'm' -> number(out, at, (int) (microsOfDay / 60_000_000L % 60), width);
                case 's' -> number(out, at, (int) (microsOfDay / 1_000_000L % 60), width);
                case 'S' -> fraction(out, at, (int) (microsOfDay % 1_000_000L), width);
                case 'a' -> name(out, at, microsOfDay < 12 * 3_600_000_000L ? "AM" : "PM", 4);
                default -> throw new IllegalStateException("unsupported pattern letter " + token.letter());
            };
        }
        return at;
    }

    /** {@code value} in decimal, with zeros in front to {@code width} digits. */
    private static int number(byte[] out, int at, int value, int width)
    {
        if (value < 0) {
            out[at++] = '-';
            value = -value;
        }
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int z = digits; z < width; z++) {
            out[at++] = '0';
        }
        for (int p = at + digits - 1; p >= at; p--) {
            out[p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    /** The first {@code width} digits of six digits of microseconds, zeros past them. */
    private static int fraction(byte[] out, int at, int micros, int width)
    {
        int divisor = 100_000;
        for (int d = 0; d < width; d++) {
            out[at++] = (byte) (d < 6 ? '0' + micros / divisor % 10 : '0');
            divisor = Math.max(divisor / 10, 1);
        }
        return at;
    }

    /** The full name for four letters or more, else its first three letters. */
    private static int name(byte[] out, int at, String name, int width)
    {
        int length = width >= 4 ? name.length() : Math.min(3, name.length());
        for (int c = 0; c < length; c++) {
            out[at++] = (byte) name.charAt(c);
        }
        return at;
    }
}
