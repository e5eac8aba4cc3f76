//! A salon ready to book: the checkout salon (owner, manager, cashier, two
//! beauticians, 深层清洁 75 min, member 王丽娜, an open shift) plus a massage
//! that needs a bed, two single beds and a double room, and working hours.
//! The clock stands at Monday 2026-11-23 10:00 store time (+08:00).

use crate::checkout_fixture::{salon, Salon};
use crate::support::boss;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use salondesk_core::appointments::{
    Appointment, BookingInput, Client, DayHours, ResourceKind, Room, WorkingHours,
};
use salondesk_core::catalog::ServiceInput;
use salondesk_core::ids::{MemberId, ServiceId, StaffId};
use salondesk_core::Money;

pub struct Calendar {
    pub s: Salon,
    /// 精油按摩, 60 minutes, needs a bed.
    pub massage: ServiceId,
    pub bed1: Room,
    pub bed2: Room,
    /// A room for two.
    pub double: Room,
}

/// The store date `days` after Monday 2026-11-23.
pub fn day(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() + Duration::days(days)
}

/// Store time "HH:MM" on `day(days)`, as a UTC instant.
pub fn at(days: i64, hm: &str) -> DateTime<Utc> {
    let (h, m) = hm.split_once(':').unwrap();
    let local = day(days)
        .and_hms_opt(h.parse().unwrap(), m.parse().unwrap(), 0)
        .unwrap();
    Utc.from_utc_datetime(&local) - Duration::hours(8)
}

/// 10:00–21:00 every day but Wednesday.
pub fn ten_to_nine(staff: StaffId) -> WorkingHours {
    let open = Some(DayHours {
        start_min: 600,
        end_min: 1260,
    });
    WorkingHours {
        staff_id: staff,
        week: [open, open, None, open, open, open, open],
        days_off: Vec::new(),
        configured: true,
    }
}

pub fn calendar() -> Calendar {
    let mut s = salon();
    let manager = s.manager.clone();
    let store = &mut s.t.store;
    let massage = store
        .add_service(
            &boss(),
            &ServiceInput {
                category: "身体护理".into(),
                name: "精油按摩".into(),
                duration_min: 60,
                price: Money::yuan(398),
            },
        )
        .unwrap()
        .id;
    store
        .set_service_resource_kind(&manager, massage, Some(ResourceKind::Bed))
        .unwrap();
    let bed1 = store
        .add_room(&manager, "1号床", ResourceKind::Bed, 1)
        .unwrap();
    let bed2 = store
        .add_room(&manager, "2号床", ResourceKind::Bed, 1)
        .unwrap();
    let double = store
        .add_room(&manager, "双人间", ResourceKind::Room, 2)
        .unwrap();
    for b in [s.beautician.id, s.beautician2.id] {
        s.t.store
            .set_working_hours(&manager, &ten_to_nine(b))
            .unwrap();
    }
    Calendar {
        s,
        massage,
        bed1,
        bed2,
        double,
    }
}

/// A member's booking of `service` with `staff` at `start`, nothing else set.
pub fn booking(
    member: MemberId,
    service: ServiceId,
    staff: StaffId,
    start: DateTime<Utc>,
) -> BookingInput {
    BookingInput {
        client: Client::Member(member),
        service_id: service,
        staff_id: staff,
        room_id: None,
        start,
        end: None,
        notes: String::new(),
        allow_outside_hours: false,
    }
}

impl Calendar {
    /// A facial for the member with 王芳 at `start`.
    pub fn facial_at(&self, start: DateTime<Utc>) -> BookingInput {
        booking(self.s.member, self.s.facial, self.s.beautician.id, start)
    }

    pub fn book(&mut self, input: &BookingInput) -> salondesk_core::Result<Appointment> {
        let who = self.s.cashier.clone();
        self.s.t.store.book_appointment(&who, input)
    }

    pub fn outbox_len(&self) -> i64 {
        self.s
            .t
            .store
            .conn()
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
            .unwrap()
    }
}
