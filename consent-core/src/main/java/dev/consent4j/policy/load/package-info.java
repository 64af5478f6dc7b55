/**
 * Reading policy files (YAML or JSON) into a {@link dev.consent4j.policy.Policy}, with every
 * problem reported by file, path, line and column, and a broken legal rule by its stable id
 * ({@link dev.consent4j.policy.load.PolicyProblem#rule()}). Entry points:
 * {@link dev.consent4j.policy.load.PolicyLoader} and the command-line
 * {@link dev.consent4j.policy.load.PolicyCheck}.
 */
@NullMarked
package dev.consent4j.policy.load;

import org.jspecify.annotations.NullMarked;
