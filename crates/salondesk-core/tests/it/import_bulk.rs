//! The import's bulk write (`import_run`) leaves every member exactly as the
//! row-by-row path (`insert_member` and `opening::enter`, as registration
//! writes her) does: her row, search keys, field clock, consent line,
//! ledger rows, package, and the outbox operations in the same order.

use crate::import_fixture::{csv, mapping, shop, temp};
use salondesk_core::import::{ImportKind, WritePath};
use salondesk_core::Store;

const FILE: &str = "姓名,手机号码,会员卡号,性别,生日,会员等级,储值余额(元),赠送余额,积分,次卡,剩余次数,有效期,标签,营销授权,备注\n\
王丽,13800138000,VIP0001,女,1990/5/20,金卡会员,\"1,000.50\",200,300,深层清洁10次卡,6,2027-06-30,老客户、敏感肌,是,喜欢安静\n\
Emily Chen,139 0013 9000,,女,,普通,0,,,,,,,否,\n\
单小燕,13700137000,VIP0003,,,,,,15,,,,,,\n";

/// What the import wrote, as text: every id (UUID) replaced by `<id>` and
/// every link spelt by the member's card number, so two stores with
/// different random ids compare equal when their rows do.
fn written(store: &Store, outbox_from: i64) -> Vec<String> {
    let queries = [
        "SELECT member_no, name, phone, gender, birthday, region, skin_type, allergies,
                preferred_staff_id, notes, tags, consent_marketing, source, referrer_id, tier,
                registered_at, updated_at, last_visit_at, visit_count, archived_at, merged_into,
                indexed_recency, search_dirty, phone_holder
         FROM members ORDER BY member_no",
        "SELECT s.kind, s.key, s.recency, m.member_no FROM member_search s
         JOIN members m ON m.rid = s.member_rid ORDER BY 1, 2, 3, 4",
        "SELECT m.member_no, l.delta, l.reason, l.created_at, l.sale_id IS NOT NULL
         FROM stored_value_ledger l JOIN members m ON m.id = l.member_id ORDER BY 1, 3",
        "SELECT m.member_no, l.delta, l.reason, l.expires_on, l.created_at
         FROM points_ledger l JOIN members m ON m.id = l.member_id ORDER BY 1, 3",
        "SELECT m.member_no, p.plan_id, p.service_id, p.name, p.expires_on, p.created_at,
                l.delta, l.reason, l.sale_id = p.sale_id
         FROM packages p JOIN members m ON m.id = p.member_id
         JOIN package_ledger l ON l.package_id = p.id ORDER BY 1",
        "SELECT m.member_no, c.consent, c.how, c.staff_id, c.created_at
         FROM member_consents c JOIN members m ON m.id = c.member_id ORDER BY 1",
        "SELECT c.entity, coalesce(m.member_no, '?'), c.field FROM field_clocks c
         LEFT JOIN members m ON m.id = c.entity_id WHERE c.entity = 'member' ORDER BY 2",
    ];
    let mut out = Vec::new();
    for q in queries {
        out.extend(rows(store, q, []));
    }
    // The operations in the order they were recorded (their payloads name
    // members by id: spelt by card number too).
    let ops = rows(
        store,
        "SELECT o.entity, o.kind, coalesce(m.member_no, ''), o.payload, o.created_at
         FROM outbox o LEFT JOIN members m ON m.id = o.entity_id
                                          OR m.id = json_extract(o.payload, '$.memberId')
         WHERE o.rowid > ?1 AND o.entity <> 'audit' ORDER BY o.rowid",
        [outbox_from],
    );
    out.extend(ops);
    out
}

fn rows<P: rusqlite::Params>(store: &Store, sql: &str, params: P) -> Vec<String> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map(params, |r| {
        let cells: Vec<String> = (0..n)
            .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect();
        Ok(cells.join(" | "))
    })
    .unwrap()
    .map(|row| without_ids(&row.unwrap()))
    .collect()
}

/// `text` with every UUID (8-4-4-4-12 hex digits) replaced by `<id>`.
fn without_ids(text: &str) -> String {
    let shape = |s: &[u8]| {
        s.len() >= 36
            && s[..36].iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if shape(&bytes[i..]) {
            out.push_str("<id>");
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn imported(path: WritePath) -> (Vec<String>, Vec<String>) {
    let mut s = shop();
    let owner = s.owner.clone();
    let dir = temp();
    let sheet = csv(dir.path(), FILE);
    let from: i64 =
        s.t.store
            .conn()
            .query_row("SELECT coalesce(max(rowid), 0) FROM outbox", [], |r| {
                r.get(0)
            })
            .unwrap();
    let report =
        s.t.store
            .import_run_with(
                &owner,
                ImportKind::Members,
                &sheet,
                &mapping(ImportKind::Members, &sheet),
                path,
                &mut |_, _| {},
            )
            .expect("the import runs");
    assert_eq!(report.added, 3, "three new members, {path:?}");
    let hits = [
        "王丽",
        "8000",
        "wl",
        "emily",
        "VIP0003",
        "shanxiaoyan",
        "xy",
    ]
    .iter()
    .flat_map(|q| {
        s.t.store
            .search_members(q, 10)
            .unwrap()
            .into_iter()
            .map(move |h| format!("{q}: {} {:?} {}", h.member_no, h.matched, h.exact))
    })
    .collect();
    (written(&s.t.store, from), hits)
}

#[test]
fn a_bulk_imported_member_is_the_member_the_row_by_row_path_makes() {
    let (bulk, bulk_hits) = imported(WritePath::Bulk);
    let (one_by_one, one_by_one_hits) = imported(WritePath::RowByRow);
    assert!(
        bulk.iter().any(|r| r.contains("member_opening"))
            && bulk.iter().any(|r| r.contains("member_consent")),
        "the comparison covers openings and consent: {bulk:#?}"
    );
    assert_eq!(
        bulk, one_by_one,
        "rows, keys, clocks, ledgers and operations are the same either way"
    );
    assert!(
        bulk_hits.len() >= 7,
        "every query finds her: {bulk_hits:#?}"
    );
    assert_eq!(
        bulk_hits, one_by_one_hits,
        "search finds the same members the same way"
    );
}
