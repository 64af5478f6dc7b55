package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps consent-core's public API deliberate: the public types a shop can use are listed in
 * {@code public-api.txt} (a new one is added there on purpose, with the change that needs it), and
 * none of them exposes a type of {@code dev.consent4j.internal}, whose types are public only so
 * that consent4j's own modules can share them.
 */
class PublicApiTest {

    private static final String INTERNAL = "dev.consent4j.internal";

    private static List<Class<?>> classes;

    @BeforeAll
    static void loadTheMainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ConsentManager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    found.add(Class.forName(name, false, PublicApiTest.class.getClassLoader()));
                }
            }
        }
        classes = found;
    }

    @Test
    void thePublicTypesAreTheListedOnes() throws IOException {
        Set<String> published = new TreeSet<>();
        for (Class<?> type : classes) {
            if (isApi(type) && type.getEnclosingClass() == null) {
                published.add(type.getName());
            }
        }
        Set<String> listed = new TreeSet<>();
        try (InputStream in = PublicApiTest.class.getResourceAsStream("public-api.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    listed.add(line.strip());
                }
            }
        }
        assertThat(published)
                .as("consent-core's public types outside %s; add a new one to public-api.txt on purpose", INTERNAL)
                .isEqualTo(listed);
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
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
        assertThat(leaks).as("public signatures of the API that name internal types").isEmpty();
    }

    @Test
    void everyInternalPackageSaysItIsNotApi() throws IOException {
        for (Class<?> type : classes) {
            if (type.getPackageName().startsWith(INTERNAL)) {
                String info = "/" + type.getPackageName().replace('.', '/') + "/package-info.class";
                assertThat(PublicApiTest.class.getResource(info)).as(type.getPackageName() + " has a package-info").isNotNull();
            }
        }
        Path sources = Path.of("src/main/java", INTERNAL.replace('.', '/'));
        try (Stream<Path> infos = Files.walk(sources)) {
            for (Path info : infos.filter(f -> f.endsWith("package-info.java")).toList()) {
                assertThat(Files.readString(info)).as(info.toString()).contains("Not API");
            }
        }
    }

    private static boolean isApi(Class<?> type) {
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
