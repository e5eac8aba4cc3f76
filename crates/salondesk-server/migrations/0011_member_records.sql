-- Whom each record about one member is for (`salondesk_protocol::privacy`,
-- `Tie::Own`: an appointment, a follow-up, a rating, a complaint, a campaign's
-- reach), so that an operation tied to one of them that names no member
-- itself (a later edit, an appointment's history, a message, a complaint's
-- note) and arrives after she was erased is scrubbed of her personal data
-- before it is logged (`effects::privacy`). Takes over from
-- `appointment_members` (0009), which held appointments only. Ids only:
-- nothing personal here.
CREATE TABLE member_records (
    tenant_id  uuid NOT NULL,
    entity     text NOT NULL,
    record_id  text NOT NULL,
    member_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, entity, record_id)
);
CREATE INDEX member_records_member ON member_records (tenant_id, member_id);

INSERT INTO member_records (tenant_id, entity, record_id, member_id)
SELECT tenant_id, 'appointment', appointment_id, member_id FROM appointment_members;
DROP TABLE appointment_members;

-- The other records already logged: their latest operation that names her.
INSERT INTO member_records (tenant_id, entity, record_id, member_id)
SELECT DISTINCT ON (tenant_id, entity, entity_id) tenant_id, entity, entity_id,
       (payload::jsonb ->> 'memberId')::uuid
FROM ops
WHERE entity IN ('care_task', 'visit_feedback', 'complaint', 'campaign_member')
  AND payload::jsonb ->> 'memberId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
ORDER BY tenant_id, entity, entity_id, seq DESC;
