package io.spindle.planner.source;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits CSV text into records of fields: fields are separated by the delimiter, a field in double quotes may
 * hold the delimiter, line breaks and doubled quotes ({@code ""} for one {@code "}). An unquoted empty field
 * and a quoted empty field are both returned as null; blank lines are skipped. Lines end with LF, CRLF or CR.
 * Shared by the driver, which samples files to infer a schema, and the executors' reader. Not thread-safe.
 */
public final class CsvTokenizer
{
    private static final int BUFFER_CHARS = 64 * 1024;
    private static final char QUOTE = '"';

    private final Reader reader;
    private final char delimiter;
    private final char[] buffer = new char[BUFFER_CHARS];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private long record;
    private long charsRead;

    public CsvTokenizer(Reader reader, char delimiter)
    {
        this.reader = requireNonNull(reader, "reader is null");
        if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
    }

    /** Reads the next record's fields into {@code fields} (cleared first); false at the end of the text. */
    public boolean next(List<String> fields)
            throws IOException
    {
        fields.clear();
        while (true) {
            int c = read();
            if (c < 0) {
                return false;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    skipLineFeed();
                }
                continue;
            }
            unread();
            break;
        }
        record++;
        while (true) {
            field.setLength(0);
            int c = read();
            if (c == QUOTE) {
                readQuoted();
                c = read();
                // text after the closing quote, up to the delimiter, belongs to the field, as in lenient parsers
                while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    field.append((char) c);
                    c = read();
                }
            }
            else {
                while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.length() == 0 ? null : field.toString());
            if (c == delimiter) {
                continue;
            }
            if (c == '\r') {
                skipLineFeed();
            }
            return true;
        }
    }

    /** The 1-based number of the record last returned by {@link #next}, for error messages. */
    public long recordNumber()
    {
        return record;
    }

    /** Characters of text consumed so far, for estimating a file's rows from a sample. */
    public long charsRead()
    {
        return charsRead;
    }

    private void readQuoted()
            throws IOException
    {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new IOException("record " + record + " ends inside a quoted field");
            }
            if (c == QUOTE) {
                int after = read();
                if (after == QUOTE) {
                    field.append(QUOTE);
                    continue;
                }
                if (after >= 0) {
                    unread();
                }
                return;
            }
            field.append((char) c);
        }
    }

    private void skipLineFeed()
            throws IOException
    {
        int c = read();
        if (c >= 0 && c != '\n') {
            unread();
        }
    }

    private int read()
            throws IOException
    {
        if (position == limit) {
            // keep the last char so that unread() after a refill still works
            if (limit > 0) {
                buffer[0] = buffer[limit - 1];
                position = 1;
                limit = 1;
            }
            int n = reader.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                return -1;
            }
            limit += n;
        }
        charsRead++;
        return buffer[position++];
    }

    private void unread()
    {
        position--;
        charsRead--;
    }
}
