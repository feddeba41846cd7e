package io.spindle.client.submit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs an application's main class in this JVM, for {@code --master local[N]}: the application jar is
 * loaded in its own class loader above Spindle's, and the master and the application's settings are system
 * properties of the same names while it runs. Not thread-safe: it changes this JVM's system properties.
 */
public final class LocalRunner
{
    /** {@code local}, {@code local[N]} or {@code local[*]}. */
    public static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)])?");

    private LocalRunner()
    {
    }

    /**
     * Runs {@code request}'s main class to its end; its exception, if any, is thrown as is.
     *
     * @param master {@code local}, {@code local[N]} or {@code local[*]}
     */
    public static void run(SubmitRequest request, String master)
            throws Throwable
    {
        if (!LOCAL_MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("'" + master + "' is not a local master; use local, local[N] or local[*]");
        }
        Map<String, String> properties = new HashMap<>(request.conf());
        properties.put("spindle.master", master);
        Map<String, String> previous = new HashMap<>();
        properties.keySet().forEach(key -> previous.put(key, System.getProperty(key)));
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jarUrl(request)}, LocalRunner.class.getClassLoader())) {
            properties.forEach(System::setProperty);
            thread.setContextClassLoader(loader);
            Method main = mainMethod(loader, request.mainClass());
            try {
                main.invoke(null, (Object) request.appArgs().toArray(String[]::new));
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        finally {
            thread.setContextClassLoader(previousLoader);
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                }
                else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static URL jarUrl(SubmitRequest request)
            throws MalformedURLException
    {
        return request.appJar().toAbsolutePath().toUri().toURL();
    }

    private static Method mainMethod(ClassLoader loader, String className)
            throws ReflectiveOperationException
    {
        Class<?> mainClass;
        try {
            mainClass = Class.forName(className, true, loader);
        }
        catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("main class " + className + " is neither in the application jar nor on Spindle's class path", e);
        }
        Method main;
        try {
            main = mainClass.getMethod("main", String[].class);
        }
        catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(className + " has no public static void main(String[] args)");
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new NoSuchMethodException(className + ".main(String[]) is not static");
        }
        return main;
    }
}
