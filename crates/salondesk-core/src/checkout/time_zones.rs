//! The time zones a store picks from, each with its one offset from UTC.
//!
//! The choice: business dates, receipts and the calendar use a fixed offset
//! (`CheckoutSettings::utc_offset_minutes`), not a zone database, so only
//! zones that keep one offset all year are offered — none of them has
//! daylight saving time. That covers China (one zone, +08:00, the default)
//! and its neighbours where a Chinese salon chain opens a store; a store in a
//! zone with daylight saving would be an hour off half the year, so such
//! zones are left out rather than offered wrong. The UI names each zone in
//! the salon's language (`storeSetup.zone.<id>`).

/// `(zone, minutes east of UTC)`, in the order the list shows them.
pub const TIME_ZONES: &[(&str, i32)] = &[
    ("Asia/Shanghai", 480),
    ("Asia/Hong_Kong", 480),
    ("Asia/Macau", 480),
    ("Asia/Taipei", 480),
    ("Asia/Singapore", 480),
    ("Asia/Kuala_Lumpur", 480),
    ("Asia/Manila", 480),
    ("Asia/Urumqi", 360),
    ("Asia/Tokyo", 540),
    ("Asia/Seoul", 540),
    ("Asia/Bangkok", 420),
    ("Asia/Ho_Chi_Minh", 420),
    ("Asia/Jakarta", 420),
    ("Asia/Kolkata", 330),
    ("Asia/Dubai", 240),
];

pub fn offset_of(zone: &str) -> Option<i32> {
    TIME_ZONES
        .iter()
        .find(|(z, _)| *z == zone)
        .map(|(_, offset)| *offset)
}
