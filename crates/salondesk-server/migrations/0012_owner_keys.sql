-- The chain owner's keys (issue 18): the console on her head-office device
-- runs her chain (stores, enrolment codes, tills, revoking) with a key the
-- server's operator issued for that chain alone, instead of the operator's
-- admin token, which opens every chain. Only the key's SHA-256 is kept (the
-- key is 32 random bytes: a fast hash cannot be searched). Issuing a key
-- revokes the chain's earlier ones, so a lost key is replaced, not added to.
CREATE TABLE owner_keys (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    key_hash    bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX owner_keys_tenant ON owner_keys (tenant_id) WHERE revoked_at IS NULL;
