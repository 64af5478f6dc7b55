/**
 * Personal requests (disclosure, correction, stop of use or provision, erasure) and their
 * workflow: {@link dev.consent4j.request.PersonalRequests} takes a request through
 * verification to its answer within the statutory deadlines, and
 * {@link dev.consent4j.request.RequestStore} keeps each step.
 */
@NullMarked
package dev.consent4j.request;

import org.jspecify.annotations.NullMarked;
