-- Webhook signing secrets are stored sealed (AES-256-GCM, WebhookSecrets): 'v1:' || base64url(iv || ciphertext ||
-- tag), 106 characters for today's 49-character secrets; 200 leaves room for a longer secret or format. Existing
-- rows keep their clear secret here: the key is not in the database (and must not be), so the service seals them
-- itself in a pass at startup.
ALTER TABLE webhook ALTER COLUMN secret TYPE VARCHAR(200);
