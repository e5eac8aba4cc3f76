//! The member-price offer at checkout: the services a campaign prices for
//! the member attached. She must have been reached by it (not held out: the
//! control group pays the list price), it must be issued, and today (the
//! store's date) must be in its window. Two campaigns pricing one service:
//! the lower price. Campaigns are a store's, so the price is this store's.

use super::model::Offer;
use crate::checkout::MemberPrice;
use crate::ids::MemberId;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// Her member prices on `today`, one per service.
pub(crate) fn for_member(
    conn: &Connection,
    member: MemberId,
    today: NaiveDate,
) -> Result<Vec<MemberPrice>> {
    let offers: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT c.id, c.offer FROM campaign_members cm
             JOIN campaigns c ON c.id = cm.campaign_id
             WHERE cm.member_id = ?1 AND cm.control = 0 AND c.status = 'issued'
               AND c.window_from <= ?2 AND c.window_to >= ?2
               AND json_extract(c.offer, '$.kind') = 'member_price'
             ORDER BY c.id",
        )?
        .query_map(params![member, today.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<MemberPrice> = Vec::new();
    for (campaign, offer) in offers {
        let Ok(Offer::MemberPrice { prices }) = serde_json::from_str::<Offer>(&offer) else {
            continue;
        };
        for p in prices {
            match out.iter_mut().find(|m| m.service_id == p.service_id) {
                Some(m) if m.unit_price <= p.price => {}
                Some(m) => {
                    m.unit_price = p.price;
                    m.campaign_id = campaign.clone();
                }
                None => out.push(MemberPrice {
                    service_id: p.service_id,
                    campaign_id: campaign.clone(),
                    unit_price: p.price,
                }),
            }
        }
    }
    Ok(out)
}
