package io.spindle.runtime.expr;

/**
 * Days since 1970-01-01 to and from year, month and day in the proleptic Gregorian calendar, computed
 * arithmetically (Howard Hinnant's algorithms: eras of 400 years, years that start in March).
 */
final class CivilDates
{
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private CivilDates()
    {
    }

    /** Year, month and day packed in one long: {@code year << 9 | month << 5 | day}; read them with the methods below. */
    static long civil(int epochDay)
    {
        long z = (long) epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        return (long) year << 9 | month << 5 | day;
    }

    static int year(long civil)
    {
        return (int) (civil >> 9);
    }

    static int month(long civil)
    {
        return (int) (civil >> 5) & 15;
    }

    static int day(long civil)
    {
        return (int) civil & 31;
    }

    static int epochDay(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1L : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return (int) (era * 146097 + dayOfEra - 719468);
    }

    static boolean isLeapYear(int year)
    {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int lengthOfMonth(int year, int month)
    {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** 1 for Monday to 7 for Sunday; 1970-01-01 was a Thursday. */
    static int isoDayOfWeek(int epochDay)
    {
        return Math.floorMod(epochDay + 3, 7) + 1;
    }

    /** The date {@code months} months on, its day cut to the last day of a shorter month. */
    static int addMonths(int epochDay, int months)
    {
        long civil = civil(epochDay);
        long monthIndex = (long) year(civil) * 12 + (month(civil) - 1) + months;
        int year = (int) Math.floorDiv(monthIndex, 12);
        int month = (int) Math.floorMod(monthIndex, 12) + 1;
        return epochDay(year, month, Math.min(day(civil), lengthOfMonth(year, month)));
    }
}
