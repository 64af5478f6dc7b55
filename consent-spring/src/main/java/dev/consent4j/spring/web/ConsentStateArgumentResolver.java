package dev.consent4j.spring.web;

import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.state.ConsentState;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take the request's {@link ConsentState} or {@link ConsentContext} as a parameter. */
public final class ConsentStateArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == ConsentState.class || type == ConsentContext.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
            NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        if (servletRequest == null) {
            throw new IllegalStateException("a consent state parameter needs a servlet request, not " + request);
        }
        ConsentContext context = ConsentContext.of(servletRequest);
        return parameter.getParameterType() == ConsentState.class ? context.state() : context;
    }
}
