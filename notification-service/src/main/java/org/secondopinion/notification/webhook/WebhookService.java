package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.notification.webhook.WebhookDtos.WebhookDeliveryView;
import org.secondopinion.notification.webhook.WebhookDtos.WebhookRegistration;
import org.secondopinion.notification.webhook.WebhookDtos.RegisteredWebhook;
import org.secondopinion.notification.webhook.WebhookDtos.WebhookView;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.quota.Quotas;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.web.PageResult;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A clinic's webhooks: register, list, delete, read the delivery history. Another clinic's webhook is not found. */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    /** Registrations per clinic per window: so.quotas.webhook-registrations.* */
    static final String WEBHOOK_REGISTRATIONS = "webhook-registrations";

    private final WebhookRepository repository;
    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final Quotas quotas;
    private final Clock clock;

    public WebhookService(WebhookRepository repository, WebhookConfig config, WebhookSecrets secrets, Quotas quotas,
                          Clock clock) {
        this.repository = repository;
        this.config = config;
        this.secrets = secrets;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Transactional
    public RegisteredWebhook register(CurrentUser caller, WebhookRegistration request) {
        String clinicId = clinicId(caller);
        String url = WebhookUrls.check(request.url(), config.allowHttp(), config.allowPrivateAddresses());
        repository.lockClinic(clinicId);
        if (repository.countLive(clinicId) >= config.maxPerClinic()) {
            throw WebhookProblem.tooMany(config.maxPerClinic());
        }
        // registering and deleting in a loop would stay under the live limit while churning secrets and deliveries
        quotas.spend(WEBHOOK_REGISTRATIONS, clinicId);
        String description = request.description() == null || request.description().isBlank()
                ? null : request.description().strip();
        UUID id = Ids.newId();
        String secret = WebhookSigner.newSecret();
        Webhook webhook = new Webhook(id, clinicId, url, description, secrets.seal(id, secret), Instant.now(clock))
                .subscribedTo(request.events() == null ? List.of() : request.events().stream().distinct().toList());
        repository.persist(webhook);
        LOG.infof("clinic %s registered webhook %s", clinicId, webhook.id);
        return RegisteredWebhook.of(webhook, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WebhookView> list(CurrentUser caller, int page, int size) {
        String clinicId = clinicId(caller);
        return new PageResult<>(repository.live(clinicId, page * size, size).stream().map(WebhookView::of).toList(),
                page, size, repository.countLive(clinicId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookView get(CurrentUser caller, UUID id) {
        return WebhookView.of(own(caller, id));
    }

    /** Nothing more is sent to it: open deliveries end DEAD; the history stays readable for us, not via the API. */
    @Transactional
    public void delete(CurrentUser caller, UUID id) {
        Webhook webhook = own(caller, id);
        webhook.delete(Instant.now(clock));
        int abandoned = repository.abandonPending(webhook.id, WebhookQueue.DELETED);
        LOG.infof("clinic %s deleted webhook %s (%d open deliveries abandoned)", webhook.clinicId,
                webhook.id, abandoned);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WebhookDeliveryView> deliveries(CurrentUser caller, UUID id, int page, int size) {
        Webhook webhook = own(caller, id);
        return new PageResult<>(repository.deliveries(webhook.id, page * size, size).stream()
                .map(WebhookDeliveryView::of).toList(), page, size, repository.countDeliveries(webhook.id));
    }

    private Webhook own(CurrentUser caller, UUID id) {
        return repository.findLive(clinicId(caller), id).orElseThrow(() -> new NotFoundProblem("webhook", id));
    }

    /** The {@code clinic_id} claim is what ties a token to a clinic; a clinic token without one may do nothing. */
    static String clinicId(CurrentUser caller) {
        return caller.clinicId().filter(id -> !id.isBlank()).orElseThrow(WebhookProblem::noClinic);
    }
}
