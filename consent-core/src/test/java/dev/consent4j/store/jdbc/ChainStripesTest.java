package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChainStripesTest {

    private final ChainStripes stripes = new ChainStripes();

    @Test
    void anAppendToTheSameChainWaitsUntilTheFirstLetsGo() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        ChainStripes.Held first = stripes.lock(List.of("c:alice", "c:bob"));
        Thread other = new Thread(() -> {
            try (ChainStripes.Held held = stripes.lock(List.of("c:bob"))) {
                second.countDown();
            }
        });
        other.start();
        assertThat(second.await(200, TimeUnit.MILLISECONDS)).isFalse();
        first.close();
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        other.join();
    }

    @Test
    void otherChainsGoAheadAndTheSameThreadMayLockAgain() throws Exception {
        String elsewhere = IntStream.range(0, 1000).mapToObj(i -> "c:someone-" + i)
                .filter(subject -> ChainStripes.stripe(subject) != ChainStripes.stripe("c:alice")).findFirst().orElseThrow();
        try (ChainStripes.Held first = stripes.lock(List.of("c:alice"))) {
            CountDownLatch other = new CountDownLatch(1);
            new Thread(() -> {
                try (ChainStripes.Held held = stripes.lock(List.of(elsewhere))) {
                    other.countDown();
                }
            }).start();
            assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
            try (ChainStripes.Held again = stripes.lock(List.of("c:alice", "c:alice"))) {
                assertThat(again).isNotNull();
            }
        }
    }
}
