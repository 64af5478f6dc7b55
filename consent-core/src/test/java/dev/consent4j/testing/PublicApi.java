package dev.consent4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of one module's main classes, read by reflection: which types it publishes
 * outside {@code dev.consent4j.internal}, and which public signatures name an internal type. A
 * module's API test compares the first with its {@code public-api.txt} and expects no leaks.
 */
public final class PublicApi {

    public static final String INTERNAL = "dev.consent4j.internal";

    private final List<Class<?>> classes;

    private PublicApi(List<Class<?>> classes) {
        this.classes = classes;
    }

    /** Every class compiled into the directory or jar that holds {@code anchor}. */
    public static PublicApi of(Class<?> anchor) {
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                    name = name.substring(0, name.length() - ".class".length());
                    if (!name.endsWith("package-info")) {
                        found.add(Class.forName(name, false, anchor.getClassLoader()));
                    }
                }
            }
            return new PublicApi(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Class<?>> classes() {
        return classes;
    }

    /** The names of the top-level public types outside {@link #INTERNAL}, sorted. */
    public Set<String> publishedTypes() {
        Set<String> published = new TreeSet<>();
        for (Class<?> type : classes) {
            if (isApi(type) && type.getEnclosingClass() == null) {
                published.add(type.getName());
            }
        }
        return published;
    }

    /** The lines of a type list such as {@code public-api.txt}, without blank lines and {@code #} comments. */
    public static Set<String> listed(Class<?> owner, String resource) {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " beside " + owner.getName());
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    listed.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listed;
    }

    /** Each public signature of an API type that names an internal type, as "where: type". */
    public List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : classes) {
            if (!isApi(type)) {
                continue;
            }
            check(type.getGenericSuperclass(), type.getName() + " extends", leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(implemented, type.getName() + " implements", leaks);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(field.getGenericType(), type.getName() + "." + field.getName(), leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                checkExecutable(type, constructor, leaks);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && visible(method.getModifiers())) {
                    checkExecutable(type, method, leaks);
                    check(method.getGenericReturnType(), type.getName() + "." + method.getName() + " returns", leaks);
                }
            }
        }
        return leaks;
    }

    static boolean isApi(Class<?> type) {
        if (type.getPackageName().startsWith(INTERNAL) || type.isSynthetic() || type.isAnonymousClass()) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!visible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkExecutable(Class<?> owner, Executable executable, List<String> leaks) {
        if (!visible(executable.getModifiers())) {
            return;
        }
        String where = owner.getName() + "." + executable.getName() + "(…)";
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(parameter, where, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(thrown, where + " throws", leaks);
        }
    }

    private static void check(Type type, String where, List<String> leaks) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getPackageName().startsWith(INTERNAL)) {
                leaks.add(where + ": " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(p.getRawType(), where, leaks);
            for (Type argument : p.getActualTypeArguments()) {
                check(argument, where, leaks);
            }
        } else if (type instanceof GenericArrayType array) {
            check(array.getGenericComponentType(), where, leaks);
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                check(bound, where, leaks);
            }
            for (Type bound : wildcard.getLowerBounds()) {
                check(bound, where, leaks);
            }
        } else if (type instanceof TypeVariable<?> variable) {
            // Only the raw bounds: a bound such as Comparable<T> names the variable again.
            for (Type bound : variable.getBounds()) {
                check(bound instanceof ParameterizedType p ? p.getRawType() : bound, where, leaks);
            }
        }
    }
}
