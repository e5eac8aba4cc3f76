use super::*;
use chrono::{Duration, TimeZone, Utc};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()
}

#[test]
fn stays_monotonic_when_the_wall_clock_steps_back() {
    let a = Hlc::default().tick(at(10));
    let b = a.tick(at(9));
    assert!(
        b > a,
        "a tick after the clock stepped back is later: {a} then {b}"
    );
    assert!(
        b.to_string() > a.to_string(),
        "text order matches value order"
    );
    let r = Hlc {
        wall_ms: a.wall_ms + 5000,
        counter: 7,
    };
    let c = b.receive(r, at(10));
    assert!(
        c > r && c > b,
        "receive moves past both clocks (5 s ahead: within the drift)"
    );
    assert_eq!(Hlc::parse(&c.to_string()), Ok(c), "text round-trips");
}

#[test]
fn a_full_counter_carries_into_the_wall_instead_of_growing_a_digit() {
    // Regression: `999999999999999-999999` plus one became
    // `999999999999999-1000000`, 23 characters that sort before it as text.
    let full = Hlc {
        wall_ms: at(10).timestamp_millis(),
        counter: MAX_COUNTER,
    };
    let next = full.tick(at(9));
    assert_eq!(
        next,
        Hlc {
            wall_ms: full.wall_ms + 1,
            counter: 0
        },
        "the counter carries into the wall"
    );
    assert_eq!(next.to_string().len(), TEXT_LEN, "still 22 characters");
    assert!(next.to_string() > full.to_string(), "and still sorts after");
    let received = full.receive(full, at(9));
    assert_eq!(received.to_string().len(), TEXT_LEN, "receive carries too");
    assert!(received > full, "receive moves past a full counter");
}

#[test]
fn text_order_is_value_order_across_carries_and_walls() {
    let t = at(10).timestamp_millis();
    let stamps = [
        Hlc {
            wall_ms: t,
            counter: 0,
        },
        Hlc {
            wall_ms: t,
            counter: 9,
        },
        Hlc {
            wall_ms: t,
            counter: 10,
        },
        Hlc {
            wall_ms: t,
            counter: MAX_COUNTER,
        },
        Hlc {
            wall_ms: t + 1,
            counter: 0,
        },
        Hlc {
            wall_ms: t * 10,
            counter: 0,
        },
    ];
    for w in stamps.windows(2) {
        assert!(w[0] < w[1], "the list is in value order");
        assert!(
            w[0].to_string() < w[1].to_string(),
            "text sorts like the value: {} then {}",
            w[0],
            w[1]
        );
    }
}

#[test]
fn malformed_and_prehistoric_stamps_do_not_parse() {
    assert!(
        Hlc::parse("001763900000000-000003").is_ok(),
        "the normal form"
    );
    for bad in [
        "999999999999999-1000000", // the overflowed counter of the old format
        "1763900000000-3",
        "00176390000000x-000003",
        "001763900000000_000003",
        "000000000000005-000000", // 1970: before 2000-01-01
        "yesterday",
        "",
    ] {
        assert_eq!(
            Hlc::parse(bad),
            Err(HlcError::Malformed),
            "{bad:?} is refused"
        );
    }
}

#[test]
fn a_stamp_past_the_drift_is_ahead_by_how_much() {
    let now = at(10);
    let ok = Hlc::bound(now).to_string();
    assert!(
        Hlc::parse_at(&ok, now).is_ok(),
        "exactly the drift is allowed"
    );
    let far = "999999999999999-999999";
    match Hlc::parse_at(far, now) {
        Err(HlcError::Ahead { ms }) => assert!(ms > 0, "ahead by a positive amount"),
        other => panic!("a far-future stamp is refused as ahead, got {other:?}"),
    }
    let hours = Hlc {
        wall_ms: (now + Duration::minutes(192)).timestamp_millis(),
        counter: 0,
    };
    assert_eq!(
        Hlc::parse_at(&hours.to_string(), now),
        Err(HlcError::Ahead { ms: 192 * 60_000 }),
        "3 h 12 min ahead is reported as such"
    );
    assert_eq!(minutes_ahead(192 * 60_000), 192, "whole minutes");
    assert_eq!(minutes_ahead(1), 1, "any amount ahead is at least a minute");
}

#[test]
fn receiving_a_far_future_stamp_moves_the_clock_at_most_to_the_drift() {
    let now = at(10);
    let poison = Hlc::parse("999999999999999-999999").unwrap();
    let c = Hlc::default().tick(now).receive(poison, now);
    assert!(
        c.ahead_of(now) <= MAX_DRIFT_MS,
        "the clock stays within the drift of its own wall: {c}"
    );
    assert!(c > Hlc::default().tick(now), "but it still moved forward");
    let again = c.receive(poison, now);
    assert!(again > c, "each receive still advances (counter)");
    assert!(again.ahead_of(now) <= MAX_DRIFT_MS, "and stays bounded");
}

#[test]
fn a_clock_past_the_bound_restarts_at_the_wall_clock() {
    let now = at(10);
    let ahead = Hlc {
        wall_ms: (now + Duration::days(365)).timestamp_millis(),
        counter: 3,
    };
    assert_eq!(
        ahead.within_bound(now),
        Hlc {
            wall_ms: now.timestamp_millis(),
            counter: 0
        },
        "a year ahead is brought back to now"
    );
    let fine = Hlc::default().tick(now);
    assert_eq!(fine.within_bound(now), fine, "a sane clock is left alone");
}
