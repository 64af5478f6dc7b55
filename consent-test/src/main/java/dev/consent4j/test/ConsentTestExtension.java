package dev.consent4j.test;

import dev.consent4j.policy.Jurisdiction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shop's {@link ConsentTestKit} and {@link Shopper}-annotated {@link Visitor}s into
 * test methods and constructors.
 *
 * <p>With {@code @ExtendWith(ConsentTestExtension.class)} the kit is
 * {@link ConsentTestKit#fromConfiguration()} (loaded once per test run); a test that builds its
 * own registers {@code @RegisterExtension static ConsentTestExtension consent = ConsentTestExtension.using(kit);}.
 */
public final class ConsentTestExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsentTestExtension.class);

    private final @Nullable ConsentTestKit kit;

    /** The kit from the configuration; see {@link ConsentTestKit#fromConfiguration()}. */
    public ConsentTestExtension() {
        this.kit = null;
    }

    private ConsentTestExtension(ConsentTestKit kit) {
        this.kit = kit;
    }

    public static ConsentTestExtension using(ConsentTestKit kit) {
        return new ConsentTestExtension(java.util.Objects.requireNonNull(kit, "kit"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ConsentTestKit.class || type == Visitor.class && parameter.isAnnotated(Shopper.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConsentTestKit resolved = kit(context);
        if (parameter.getParameter().getType() == ConsentTestKit.class) {
            return resolved;
        }
        Shopper shopper = parameter.findAnnotation(Shopper.class).orElseThrow();
        Jurisdiction in;
        try {
            in = Jurisdiction.of(shopper.in());
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("@Shopper on " + parameter.getParameter() + ": " + e.getMessage());
        }
        return switch (shopper.value()) {
            case FIRST_VISIT -> resolved.firstVisit(in);
            case REJECT_ALL -> resolved.afterRejectAll(in);
            case ACCEPT_ALL -> resolved.afterAcceptAll(in);
            case GPC -> resolved.withGpc(in);
        };
    }

    private ConsentTestKit kit(ExtensionContext context) {
        if (kit != null) {
            return kit;
        }
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .computeIfAbsent(ConsentTestKit.class, k -> ConsentTestKit.fromConfiguration(), ConsentTestKit.class);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("consent4j test kit: " + e.getMessage(), e);
        }
    }
}
