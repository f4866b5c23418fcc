package org.secondopinion.notification.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.secondopinion.notification.feed.NotificationDtos.NotificationView;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading and acknowledging the in-app feed of a set of recipients (see {@link Audience}). */
@ApplicationScoped
public class FeedService {

    private final NotificationRepository repository;
    private final NotificationMapper mapper;
    private final Clock clock;

    public FeedService(NotificationRepository repository, NotificationMapper mapper, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<NotificationView> page(List<String> recipients, Boolean unread, PageParams page) {
        List<NotificationView> items = repository.page(recipients, unread, page.offset(), page.size).stream()
                .map(mapper::toView).toList();
        return PageResult.counted(items, page.page, page.size, COUNT_LIMIT,
                limit -> repository.countUpTo(recipients, unread, limit));
    }

    /** A feed only grows: its total is counted up to this many items, then says "at least" ({@link PageResult}). */
    static final int COUNT_LIMIT = 1_000;

    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(List<String> recipients) {
        return repository.count(recipients, Boolean.TRUE);
    }

    /** Empty when the item does not exist or belongs to someone else: the caller cannot tell which. */
    @Transactional
    public Optional<NotificationView> markRead(UUID id, List<String> recipients) {
        return repository.findVisible(id, recipients).map(n -> {
            n.markRead(Instant.now(clock));
            return mapper.toView(n);
        });
    }

    @Transactional
    public int markAllRead(List<String> recipients) {
        return repository.markAllRead(recipients, Instant.now(clock));
    }
}
