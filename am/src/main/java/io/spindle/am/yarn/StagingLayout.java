package io.spindle.am.yarn;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * Where an application's files are staged and the names they have in every container's working
 * directory. The client uploads them to {@code <home>/.spindleStaging/<appId>}; YARN localizes each one
 * into the AM's and the executors' working directories under the same name.
 */
public final class StagingLayout
{
    /** The user's application jar. */
    public static final String APP_JAR = "__app__.jar";
    /** Spindle's own classes (the shaded client jar), staged only when the client ran from it. */
    public static final String SPINDLE_JAR = "__spindle__.jar";
    /** The application's Spindle settings, main class and arguments; see {@link SubmittedApplication}. */
    public static final String SPINDLE_PROPERTIES = "__spindle__.properties";
    /** The submitting client's Hadoop configuration, so containers see the cluster as the client did. */
    public static final String HADOOP_CONF = "__hadoop_conf__.xml";

    private static final String STAGING_ROOT = ".spindleStaging";

    private StagingLayout()
    {
    }

    /** The staging directory of {@code appId} in the home directory of the file system's current user. */
    public static Path stagingDir(FileSystem fs, ApplicationId appId)
    {
        return fs.makeQualified(new Path(new Path(fs.getHomeDirectory(), STAGING_ROOT), appId.toString()));
    }

    /** Every file of {@code stagingDir} as a container resource named after the file, private to the application. */
    public static Map<String, LocalResource> localResources(FileSystem fs, Path stagingDir)
            throws IOException
    {
        Map<String, LocalResource> resources = new TreeMap<>();
        for (FileStatus status : fs.listStatus(stagingDir)) {
            if (status.isFile()) {
                resources.put(status.getPath().getName(), LocalResource.newInstance(
                        URL.fromPath(fs.makeQualified(status.getPath())),
                        LocalResourceType.FILE,
                        LocalResourceVisibility.APPLICATION,
                        status.getLen(),
                        status.getModificationTime()));
            }
        }
        return resources;
    }
}
