-- Whom each appointment is for (the member its booking names), so that an
-- operation tied to an appointment (a later edit of it, its history, its
-- reminder) that arrives after she was erased is scrubbed of her personal
-- data before it is logged (`effects::privacy`): such an operation names no
-- member itself. Ids only: nothing personal here.
CREATE TABLE appointment_members (
    tenant_id      uuid NOT NULL,
    appointment_id text NOT NULL,
    member_id      uuid NOT NULL,
    PRIMARY KEY (tenant_id, appointment_id)
);

-- The appointments already logged: their latest booking that names a member.
INSERT INTO appointment_members (tenant_id, appointment_id, member_id)
SELECT DISTINCT ON (tenant_id, entity_id) tenant_id, entity_id,
       (payload::jsonb ->> 'memberId')::uuid
FROM ops
WHERE entity = 'appointment'
  AND payload::jsonb ->> 'memberId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
ORDER BY tenant_id, entity_id, seq DESC;
