package io.spindle.client.submit;

import io.spindle.am.yarn.StagingLayout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import static java.util.Objects.requireNonNull;

/**
 * The class path of Spindle's containers, and the jar of Spindle's classes to stage with them.
 *
 * <p>When Spindle's client classes come from a jar (the shaded client jar users run with {@code yarn jar}),
 * containers get that jar, the application jar, their working directory and the cluster's
 * {@code yarn.application.classpath}. When they come from a classes directory (a build, tests, the embedded
 * cluster), containers get the application jar, their working directory and this JVM's own class path,
 * which is valid only because such containers run on this machine.
 *
 * @param spindleJar the jar to stage as {@value StagingLayout#SPINDLE_JAR}, when there is one
 * @param classpath the containers' CLASSPATH, entries separated by YARN's {@code <CPS>}
 */
public record ContainerClasspath(Optional<Path> spindleJar, String classpath)
{
    public ContainerClasspath
    {
        requireNonNull(spindleJar, "spindleJar is null");
        requireNonNull(classpath, "classpath is null");
    }

    /** The class path for Spindle's classes loaded along with {@code anchor}, on the cluster {@code conf} describes. */
    public static ContainerClasspath detect(Class<?> anchor, Configuration conf)
    {
        Optional<Path> jar = jarOf(anchor).filter(ContainerClasspath::holdsTheWholeRuntime);
        if (jar.isPresent()) {
            return forJar(jar.get(), conf.getTrimmedStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                    YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH));
        }
        return forThisMachine(System.getProperty("java.class.path"));
    }

    /** Containers run from the staged Spindle jar, with the cluster's own Hadoop from {@code clusterClasspath}. */
    public static ContainerClasspath forJar(Path spindleJar, String[] clusterClasspath)
    {
        List<String> entries = new ArrayList<>();
        entries.add(inWorkDir(StagingLayout.SPINDLE_JAR));
        entries.add(inWorkDir(StagingLayout.APP_JAR));
        entries.add(Environment.PWD.$$());
        for (String entry : clusterClasspath) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return new ContainerClasspath(Optional.of(spindleJar), String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries));
    }

    /** Containers on this machine run from this JVM's class path, {@code javaClassPath}, behind the application jar. */
    public static ContainerClasspath forThisMachine(String javaClassPath)
    {
        List<String> entries = new ArrayList<>();
        entries.add(inWorkDir(StagingLayout.APP_JAR));
        entries.add(Environment.PWD.$$());
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return new ContainerClasspath(Optional.empty(), String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries));
    }

    /**
     * Whether {@code jar} can run the ApplicationMaster and executors by itself, as the shaded client jar can;
     * the thin jar of a build cannot.
     */
    static boolean holdsTheWholeRuntime(Path jar)
    {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry("io/spindle/am/ApplicationMaster.class") != null
                    && file.getEntry("io/spindle/runtime/executor/ExecutorMain.class") != null;
        }
        catch (java.io.IOException e) {
            return false;
        }
    }

    /** Whether the containers use this JVM's class path, and so must run on this machine. */
    public boolean usesThisMachinesClasspath()
    {
        return spindleJar.isEmpty();
    }

    /**
     * The jar {@code anchor} was loaded from. {@code yarn jar} unpacks the jar it runs and loads classes from the
     * unpacked directory first, so every location of the class is searched for one inside a jar.
     */
    static Optional<Path> jarOf(Class<?> anchor)
    {
        String resource = anchor.getName().replace('.', '/') + ".class";
        ClassLoader loader = anchor.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : anchor.getClassLoader();
        try {
            Enumeration<URL> locations = loader.getResources(resource);
            while (locations.hasMoreElements()) {
                URL location = locations.nextElement();
                if (location.getProtocol().equals("jar")) {
                    URLConnection connection = location.openConnection();
                    connection.setUseCaches(false);
                    URL jarFile = ((JarURLConnection) connection).getJarFileURL();
                    if (jarFile.getProtocol().equals("file")) {
                        return Optional.of(Path.of(jarFile.toURI()));
                    }
                }
            }
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not find where " + anchor.getName() + " was loaded from", e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("could not find where " + anchor.getName() + " was loaded from", e);
        }
    }

    private static String inWorkDir(String fileName)
    {
        return Environment.PWD.$$() + "/" + fileName;
    }
}
