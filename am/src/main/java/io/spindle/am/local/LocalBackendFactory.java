package io.spindle.am.local;

import io.spindle.conf.SpindleConf;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.ExecutionBackendFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates local-mode backends for {@code local}, {@code local[N]} and {@code local[*]}. */
public final class LocalBackendFactory
        implements ExecutionBackendFactory
{
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)])?");

    @Override
    public boolean accepts(String master)
    {
        return LOCAL.matcher(master).matches();
    }

    @Override
    public ExecutionBackend create(String master, SpindleConf conf)
    {
        return new LocalBackend(threads(master), conf);
    }

    static int threads(String master)
    {
        Matcher matcher = LOCAL.matcher(master);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a local master: " + master);
        }
        String count = matcher.group(1);
        if (count == null) {
            return 1;
        }
        return count.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(count);
    }
}
