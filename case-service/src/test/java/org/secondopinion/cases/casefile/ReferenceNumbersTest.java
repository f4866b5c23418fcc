package org.secondopinion.cases.casefile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceNumbersTest {

    @Test
    void eachBlockIsUsedUpBeforeTheSequenceIsAskedAgain() {
        AtomicLong sequence = new AtomicLong(1);
        List<Long> asked = new ArrayList<>();
        CaseRepository.NumberBlocks numbers = new CaseRepository.NumberBlocks(3, () -> {
            long start = sequence.getAndAdd(3);
            asked.add(start);
            return start;
        });
        List<Long> handedOut = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            handedOut.add(numbers.next());
        }
        assertThat(handedOut).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(asked).containsExactly(1L, 4L, 7L);
    }

    @Test
    void twoReplicasTakingBlocksFromOneSequenceNeverHandOutTheSameNumber() {
        AtomicLong sequence = new AtomicLong(1);
        CaseRepository.NumberBlocks a = new CaseRepository.NumberBlocks(20, () -> sequence.getAndAdd(20));
        CaseRepository.NumberBlocks b = new CaseRepository.NumberBlocks(20, () -> sequence.getAndAdd(20));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(seen.add(a.next())).isTrue();
            assertThat(seen.add(b.next())).isTrue();
        }
    }

    @Test
    void referencesArePaddedToSixDigitsAndGrowBeyond() {
        assertThat(CaseRepository.reference(2026, 1)).isEqualTo("SO-2026-000001");
        assertThat(CaseRepository.reference(2026, 42_195)).isEqualTo("SO-2026-042195");
        assertThat(CaseRepository.reference(2027, 999_999)).isEqualTo("SO-2027-999999");
        assertThat(CaseRepository.reference(2027, 1_234_567)).isEqualTo("SO-2027-1234567");
    }
}
