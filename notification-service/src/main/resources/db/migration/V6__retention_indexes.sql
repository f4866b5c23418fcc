-- Platform retention deletes finished deliveries and webhook callbacks past their age (90 days by default) in
-- batches; these partial indexes find them without reading the open ones.
CREATE INDEX delivery_finished ON delivery (created_at) WHERE status IN ('SENT', 'DEAD');
CREATE INDEX webhook_delivery_finished ON webhook_delivery (created_at) WHERE status IN ('SENT', 'DEAD');
