package io.spindle.client.submit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Finds or makes the application jar for driver classes that ship with Spindle (the demo, tests): the jar
 * they were loaded from, or, when they were loaded from a build's classes directory, a new jar holding
 * those classes and their nested classes.
 */
public final class AppJars
{
    private AppJars()
    {
    }

    public static Path forClasses(Path workDir, Class<?>... classes)
            throws IOException
    {
        Path location = codeSource(classes[0]);
        if (Files.isRegularFile(location)) {
            return location;
        }
        Files.createDirectories(workDir);
        Path jar = workDir.resolve("app-" + classes[0].getSimpleName() + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                Path root = codeSource(type);
                String packagePath = type.getPackageName().replace('.', '/');
                Path dir = root.resolve(packagePath);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, type.getSimpleName() + "{.class,$*.class}")) {
                    for (Path entry : entries) {
                        out.putNextEntry(new JarEntry(packagePath + "/" + entry.getFileName()));
                        Files.copy(entry, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private static Path codeSource(Class<?> type)
    {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
