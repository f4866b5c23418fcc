package org.secondopinion.notification.consults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadTimeTest {

    @Test
    void theReminderTextStatesTheLeadTimeInWords() {
        assertThat(words("PT24H")).isEqualTo("24 hours");
        assertThat(words("PT1H")).isEqualTo("1 hour");
        assertThat(words("PT30M")).isEqualTo("30 minutes");
        assertThat(words("PT1M")).isEqualTo("1 minute");
        assertThat(words("PT1H30M")).isEqualTo("1 hour and 30 minutes");
        assertThat(words("PT2H1M")).isEqualTo("2 hours and 1 minute");
        assertThat(words("PT36H")).isEqualTo("36 hours");
        assertThat(words("P2D")).isEqualTo("2 days");
        assertThat(words("P7D")).isEqualTo("7 days");
        assertThat(words("P2DT12H")).isEqualTo("60 hours");
    }

    @Test
    void remindersScheduledWhen24HoursAnd1HourWereFixedKeepTheirKeys() {
        assertThat(new LeadTime(Duration.ofHours(24)).key()).isEqualTo("DAY_BEFORE");
        assertThat(new LeadTime(Duration.ofHours(1)).key()).isEqualTo("HOUR_BEFORE");
        assertThat(LeadTime.fromKey("DAY_BEFORE").before()).isEqualTo(Duration.ofHours(24));
        assertThat(LeadTime.fromKey("HOUR_BEFORE").before()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void otherLeadTimesAreKeyedByTheirDurationAndReadBack() {
        for (String iso : List.of("PT30M", "PT72H", "PT1H30M")) {
            LeadTime lead = new LeadTime(Duration.parse(iso));
            assertThat(lead.key()).isEqualTo(iso).matches("^PT([0-9]+H)?([0-9]+M)?$"); // the table's check
            assertThat(LeadTime.fromKey(lead.key())).isEqualTo(lead);
        }
    }

    @Test
    void leadTimesThatMakeNoSenseAreRefusedNamingTheProperty() {
        assertThat(LeadTime.validated(List.of(Duration.ofHours(24), Duration.ofHours(1))))
                .extracting(LeadTime::before).containsExactly(Duration.ofHours(24), Duration.ofHours(1));
        for (List<Duration> wrong : List.of(List.<Duration>of(), List.of(Duration.ZERO), List.of(Duration.ofHours(-1)),
                List.of(Duration.ofSeconds(90)), List.of(Duration.ofHours(1), Duration.ofMinutes(60)))) {
            assertThatThrownBy(() -> LeadTime.validated(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("so.consult-reminders.lead-times");
        }
    }

    private static String words(String iso) {
        return new LeadTime(Duration.parse(iso)).words();
    }
}
