package io.standby.app;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The test's class path in a loader of its own that refuses the classes under the given prefixes and remembers who
 * asked: what a piece of the agent never loads, it can run without.
 */
public final class Isolated extends URLClassLoader {

    /** The names refused, in the order they were asked for. */
    public final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    private final List<String> hidden;

    public Isolated(List<String> hidden) {
        super(classPath(), ClassLoader.getPlatformClassLoader());
        this.hidden = List.copyOf(hidden);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden.stream().anyMatch(name::startsWith)) {
            refused.add(name);
            throw new ClassNotFoundException(name + " is hidden from this test");
        }
        return super.loadClass(name, resolve);
    }

    public Object loadConfig(Path file) throws Exception {
        Object loader = loadClass("io.standby.app.config.ConfigLoader").getConstructor().newInstance();
        return loader.getClass().getMethod("load", Path.class).invoke(loader, file);
    }

    /** A public static method of the type, by name; the exception it throws is thrown as it is. */
    public Object call(String type, String method, Object... args) throws Exception {
        Method found = Arrays.stream(loadClass(type).getMethods()).filter(m -> m.getName().equals(method))
                .findFirst().orElseThrow();
        return invoke(found, null, args);
    }

    /** A method the test reaches into (package-private ones included) on an object of this loader. */
    public static Object invoke(Method method, Object target, Object... args) throws Exception {
        method.setAccessible(true);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause());
        }
    }

    private static URL[] classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).map(entry -> {
            try {
                return Path.of(entry).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
