package io.spindle.client.sql;

import io.spindle.sql.SpindleSession;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The driver of {@code spindle sql} on YARN: runs the script it is given (base64, so that any text survives the
 * container's command line) and writes what it prints to a file on the cluster's file system for the client to
 * show, as well as to its own stdout. Arguments: {@code <base64 script> <result path> <max rows>}.
 */
public final class SqlDriverApp
{
    private SqlDriverApp()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SqlDriverApp <base64 script> <result path> <max rows>; spindle sql starts it");
        }
        String script = new String(Base64.getDecoder().decode(args[0]), StandardCharsets.UTF_8);
        Path result = new Path(args[1]);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SpindleSession session = SpindleSession.builder().appName("spindle-sql").getOrCreate()) {
            try (PrintWriter out = new PrintWriter(new OutputStreamWriter(printed, StandardCharsets.UTF_8), true)) {
                SqlRunner.run(session, script, Integer.parseInt(args[2]), out);
            }
            finally {
                System.out.print(printed.toString(StandardCharsets.UTF_8));
                FileSystem fs = result.getFileSystem(session.hadoopConfiguration());
                try (FSDataOutputStream stream = fs.create(result, true)) {
                    stream.write(printed.toByteArray());
                }
            }
        }
    }
}
