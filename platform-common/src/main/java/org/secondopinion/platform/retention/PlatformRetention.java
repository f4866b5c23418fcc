package org.secondopinion.platform.retention;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** What every service keeps only for a while: its published outbox rows, its inbox and its ended quota windows. */
public final class PlatformRetention {

    private PlatformRetention() {
    }

    /** Published events stay a week in the outbox (to look up what was sent, and when); Kafka has them anyway. */
    @ApplicationScoped
    public static class SentOutboxEvents implements RetentionRule {
        @Override
        public String name() {
            return "outbox";
        }

        @Override
        public String table() {
            return "outbox_event";
        }

        @Override
        public String expiredWhen() {
            return "sent_at < ?1";
        }

        @Override
        public Duration defaultAge() {
            return Duration.ofDays(7);
        }
    }

    /**
     * Inbox rows stay 30 days: longer than any topic keeps a message (14 days, docs/OPERATIONS.md) plus a consumer's
     * committed offsets, so an event that can still be delivered again is always still remembered.
     */
    @ApplicationScoped
    public static class InboxMessages implements RetentionRule {
        @Override
        public String name() {
            return "inbox";
        }

        @Override
        public String table() {
            return "inbox_message";
        }

        @Override
        public String expiredWhen() {
            return "received_at < ?1";
        }

        @Override
        public Duration defaultAge() {
            return Duration.ofDays(30);
        }
    }

    /** Quota windows (platform-common quota) are of no use once they ended; a day later they go. */
    @ApplicationScoped
    public static class QuotaWindows implements RetentionRule {
        @Override
        public String name() {
            return "quotas";
        }

        @Override
        public String table() {
            return "quota_usage";
        }

        @Override
        public String expiredWhen() {
            return "window_end < ?1";
        }

        @Override
        public Duration defaultAge() {
            return Duration.ofDays(1);
        }
    }
}
