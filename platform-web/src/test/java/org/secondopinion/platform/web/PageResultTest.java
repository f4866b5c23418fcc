package org.secondopinion.platform.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class PageResultTest {

    /** A list of {@code rows} rows, paged as the database would, counting how often it was asked to count. */
    private static final class Rows {
        final long rows;
        final AtomicLong counts = new AtomicLong();
        long lastLimit;

        Rows(long rows) {
            this.rows = rows;
        }

        List<Long> page(int page, int size) {
            List<Long> items = new ArrayList<>();
            for (long i = (long) page * size; i < Math.min(rows, (long) (page + 1) * size); i++) {
                items.add(i);
            }
            return items;
        }

        LongUnaryOperator countUpTo() {
            return limit -> {
                counts.incrementAndGet();
                lastLimit = limit;
                return Math.min(rows, limit);
            };
        }

        PageResult<Long> ask(int page, int size, long countLimit) {
            return PageResult.counted(page(page, size), page, size, countLimit, countUpTo());
        }
    }

    @Test
    void aLastPageThatIsNotFullGivesTheExactTotalWithoutCounting() {
        Rows rows = new Rows(47);
        PageResult<Long> last = rows.ask(2, 20, 1_000);
        assertThat(last.items()).hasSize(7);
        assertThat(last.total()).isEqualTo(47);
        assertThat(last.totalExact()).isTrue();
        assertThat(rows.counts).hasValue(0);
    }

    @Test
    void anEmptyFirstPageIsAnEmptyList() {
        Rows rows = new Rows(0);
        PageResult<Long> page = rows.ask(0, 20, 1_000);
        assertThat(page.total()).isZero();
        assertThat(page.totalExact()).isTrue();
        assertThat(rows.counts).hasValue(0);
    }

    @Test
    void aFullPageOfAShortListCountsExactly() {
        Rows rows = new Rows(40);
        PageResult<Long> first = rows.ask(0, 20, 1_000);
        assertThat(first.total()).isEqualTo(40);
        assertThat(first.totalExact()).isTrue();
        assertThat(rows.counts).hasValue(1);
    }

    @Test
    void aLongListIsCountedUpToTheLimitAndSaysAtLeast() {
        Rows rows = new Rows(25_000);
        PageResult<Long> first = rows.ask(0, 20, 1_000);
        assertThat(first.items()).hasSize(20);
        assertThat(first.total()).isEqualTo(1_000);
        assertThat(first.totalExact()).isFalse();
        assertThat(rows.lastLimit).isEqualTo(1_000);
    }

    @Test
    void aListOfExactlyTheLimitIsReportedAsAtLeastTheLimit() {
        // counting stops at the limit, so 1,000 rows and 1,001 rows look the same: "at least 1,000", never a lie
        PageResult<Long> page = new Rows(1_000).ask(0, 20, 1_000);
        assertThat(page.total()).isEqualTo(1_000);
        assertThat(page.totalExact()).isFalse();
        PageResult<Long> below = new Rows(999).ask(0, 20, 1_000);
        assertThat(below.total()).isEqualTo(999);
        assertThat(below.totalExact()).isTrue();
    }

    @Test
    void pagesPastTheLimitStillReportAtLeastWhatTheCallerHasSeen() {
        Rows rows = new Rows(25_000);
        PageResult<Long> deep = rows.ask(80, 20, 1_000); // items 1,600..1,619
        assertThat(deep.items()).hasSize(20);
        assertThat(deep.total()).isGreaterThan(1_620);
        assertThat(deep.totalExact()).isFalse();
        // a full last page: counting up to one row past it finds the end, so the total is exact again
        PageResult<Long> last = rows.ask(1_249, 20, 1_000);
        assertThat(last.total()).isEqualTo(25_000);
        assertThat(last.totalExact()).isTrue();
        PageResult<Long> shortLast = new Rows(24_990).ask(1_249, 20, 1_000);
        assertThat(shortLast.total()).isEqualTo(24_990);
        assertThat(shortLast.totalExact()).isTrue();
    }

    @Test
    void aPagePastTheEndCountsSoTheCallerLearnsWhereTheEndIs() {
        Rows rows = new Rows(30);
        PageResult<Long> beyond = rows.ask(5, 20, 1_000);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(30);
        assertThat(beyond.totalExact()).isTrue();
    }

    @Test
    void mappingKeepsWhetherTheTotalIsExact() {
        PageResult<Long> page = new Rows(25_000).ask(0, 20, 1_000);
        PageResult<String> mapped = page.map(String::valueOf);
        assertThat(mapped.totalExact()).isFalse();
        assertThat(mapped.total()).isEqualTo(1_000);
        assertThat(new PageResult<>(Collections.emptyList(), 0, 20, 0).totalExact()).isTrue();
    }
}
