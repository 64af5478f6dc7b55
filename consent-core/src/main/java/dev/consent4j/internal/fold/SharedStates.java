package dev.consent4j.internal.fold;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The states {@link StateFolder#foldShared} shares, by choice pattern. Shops have few patterns
 * (which categories were granted, under which version) across millions of visitors; the bound
 * keeps a flood of odd ones from growing it. Thread-safe.
 */
final class SharedStates {

    /** How many choice patterns are kept. */
    static final int SHARED_STATES = 10_000;

    private final Expiry expiry;
    private final Cache<Pattern, ConsentState> states = Caffeine.newBuilder().maximumSize(SHARED_STATES).build();

    SharedStates(Expiry expiry) {
        this.expiry = expiry;
    }

    /**
     * The state kept for the pattern of {@code choices} under {@code signals} at {@code now}, or
     * {@code fold}'s, which is then kept.
     *
     * @throws IllegalArgumentException when two choices are on one topic
     */
    ConsentState get(Collection<Choice> choices, Signals signals, Instant now, Supplier<ConsentState> fold) {
        Pattern pattern = Pattern.of(expiry, choices, signals, now);
        ConsentState state = states.getIfPresent(pattern);
        if (state == null) {
            state = fold.get();
            states.put(pattern, state);
        }
        return state;
    }

    /** What a fold's allowed flags and reasons depend on; see {@link StateFolder#foldShared}. */
    private record Pattern(Signals signals, Object[] parts) {

        private static final int PER_CHOICE = 5;

        static Pattern of(Expiry expiry, Collection<Choice> choices, Signals signals, Instant now) {
            Object[] parts = new Object[choices.size() * PER_CHOICE];
            int i = 0;
            for (Choice choice : choices) {
                for (int j = 0; j < i; j += PER_CHOICE) {
                    if (parts[j].equals(choice.topic())) {
                        throw new IllegalArgumentException("two choices on " + choice.topic() + " in one pattern");
                    }
                }
                parts[i++] = choice.topic();
                parts[i++] = choice.action();
                parts[i++] = choice.actor();
                parts[i++] = choice.policyVersion();
                parts[i++] = expiry.outlived(choice, signals.jurisdiction(), now);
            }
            return new Pattern(signals, parts);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pattern p && p.signals.equals(signals) && Arrays.equals(p.parts, parts);
        }

        @Override
        public int hashCode() {
            return signals.hashCode() * 31 + Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return "Pattern" + Arrays.toString(parts) + " " + signals;
        }
    }
}
