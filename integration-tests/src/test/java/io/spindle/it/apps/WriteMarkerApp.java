package io.spindle.it.apps;

import io.spindle.am.yarn.YarnClusterContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** A user main class that succeeds: writes {@code master=<spindle.master>} and its arguments to the HDFS file named by its first argument. */
public final class WriteMarkerApp
{
    private WriteMarkerApp()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        Configuration conf = YarnClusterContext.current()
                .orElseThrow(() -> new IllegalStateException("not running in Spindle's ApplicationMaster"))
                .hadoopConfiguration();
        Path marker = new Path(args[0]);
        String content = "master=" + System.getProperty("spindle.master") + "\nargs=" + String.join("|", args) + "\n";
        try (OutputStream out = marker.getFileSystem(conf).create(marker, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
