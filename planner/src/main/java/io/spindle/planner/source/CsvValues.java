package io.spindle.planner.source;

/** How CSV text becomes values where Java's parsers disagree with Spark's. */
public final class CsvValues
{
    private CsvValues()
    {
    }

    /** The double {@code text} spells (also NaN, Inf, -Inf, Infinity), or null; no trailing type letters, unlike Double.parseDouble. */
    public static Double parseDouble(String text)
    {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Inf", "+Inf", "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Inf", "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (text.isEmpty()) {
            return null;
        }
        char last = text.charAt(text.length() - 1);
        if (!(last >= '0' && last <= '9') && last != '.') {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }
}
