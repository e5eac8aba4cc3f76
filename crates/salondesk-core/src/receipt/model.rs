//! What a receipt says, as the checkout hands it over: names as written, time
//! already formatted in the store's zone, amounts in fen. Nothing here knows
//! about paper or printers.

use crate::money::Money;

/// Thermal paper roll: 58 mm prints 384 dots, 80 mm prints 576 dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperWidth {
    Mm58,
    Mm80,
}

impl PaperWidth {
    /// Columns of font A (12 dots a column): 32 on 58 mm, 48 on 80 mm.
    pub fn columns(self) -> usize {
        match self {
            PaperWidth::Mm58 => 32,
            PaperWidth::Mm80 => 48,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReceiptLang {
    ZhCn,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReceiptKind {
    Sale,
    Refund,
    Void,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptMember {
    pub name: String,
    pub member_no: String,
    pub tier: String,
    pub points_earned: i64,
    pub points_balance: i64,
    pub stored_value_balance: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    pub name: String,
    pub qty: i64,
    pub unit_price: Money,
    /// Money off this line (informational: `amount` already has it taken off).
    pub discount: Money,
    pub amount: Money,
    /// The staff member credited with the line (for commission).
    pub staff: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptTender {
    /// As the desk names it: "现金", "银行卡", "Cash"…
    pub label: String,
    pub amount: Money,
    /// Only what may be printed, e.g. "****1234" for a bank card.
    pub reference: Option<String>,
}

/// One receipt. On a refund or a void the amounts may come signed either way:
/// the layout prints money going back as negative whatever the sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDoc {
    pub store_name: String,
    pub store_address: String,
    pub store_phone: String,
    /// The owner's lines under the store's name (empty: none).
    pub header: String,
    pub receipt_no: String,
    pub kind: ReceiptKind,
    pub reprint: bool,
    /// The sale a refund or void reverses.
    pub original_receipt_no: Option<String>,
    /// Already formatted in the store's time zone.
    pub issued_at: String,
    pub cashier: String,
    pub member: Option<ReceiptMember>,
    pub lines: Vec<ReceiptLine>,
    pub subtotal: Money,
    /// Label and amount; positive is money off.
    pub discounts: Vec<(String, Money)>,
    pub total: Money,
    pub tenders: Vec<ReceiptTender>,
    pub change: Money,
    pub footer: String,
}

/// Receipts the tests of every receipt file share: two fixed ones and a
/// generator of hostile ones (long CJK and Latin names, emoji, control
/// characters, extreme amounts).
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    pub fn sale() -> ReceiptDoc {
        ReceiptDoc {
            store_name: "丽人美容 徐汇店".into(),
            store_address: "上海市徐汇区漕溪北路88号2楼".into(),
            store_phone: "021-6468 8888".into(),
            header: String::new(),
            receipt_no: "001-01-000042".into(),
            kind: ReceiptKind::Sale,
            reprint: false,
            original_receipt_no: None,
            issued_at: "2025-03-08 14:05".into(),
            cashier: "张敏".into(),
            member: Some(ReceiptMember {
                name: "王丽娜".into(),
                member_no: "M0010001".into(),
                tier: "金卡会员".into(),
                points_earned: 566,
                points_balance: 12_566,
                stored_value_balance: Money(120_000),
            }),
            lines: vec![
                ReceiptLine {
                    name: "玻尿酸深层补水保湿焕颜护理（90分钟疗程）".into(),
                    qty: 1,
                    unit_price: Money(29_800),
                    discount: Money(3_000),
                    amount: Money(26_800),
                    staff: Some("李娜".into()),
                },
                ReceiptLine {
                    name: "洁面乳".into(),
                    qty: 2,
                    unit_price: Money(14_900),
                    discount: Money::ZERO,
                    amount: Money(29_800),
                    staff: None,
                },
            ],
            subtotal: Money(59_600),
            discounts: vec![("会员折扣".into(), Money(3_000))],
            total: Money(56_600),
            tenders: vec![
                ReceiptTender {
                    label: "银行卡".into(),
                    amount: Money(30_000),
                    reference: Some("****1234".into()),
                },
                ReceiptTender {
                    label: "现金".into(),
                    amount: Money(30_000),
                    reference: None,
                },
            ],
            change: Money(3_400),
            footer: "谢谢惠顾 Thank you".into(),
        }
    }

    /// A refund as the database holds it: negative quantities and amounts.
    pub fn refund() -> ReceiptDoc {
        ReceiptDoc {
            store_name: "Lily Beauty Xuhui".into(),
            store_address: "2F, 88 Caoxi North Rd, Shanghai".into(),
            store_phone: "021-6468 8888".into(),
            header: String::new(),
            receipt_no: "001-01-000057".into(),
            kind: ReceiptKind::Refund,
            reprint: true,
            original_receipt_no: Some("001-01-000042".into()),
            issued_at: "2025-03-09 10:12".into(),
            cashier: "Zhang Min".into(),
            member: Some(ReceiptMember {
                name: "Wang Lina".into(),
                member_no: "M0010001".into(),
                tier: "Gold".into(),
                points_earned: -268,
                points_balance: 12_298,
                stored_value_balance: Money(120_000),
            }),
            lines: vec![ReceiptLine {
                name: "Hyaluronic deep hydration facial (90 min)".into(),
                qty: -1,
                unit_price: Money(29_800),
                discount: Money(-3_000),
                amount: Money(-26_800),
                staff: Some("Li Na".into()),
            }],
            subtotal: Money(-29_800),
            discounts: vec![("Member discount".into(), Money(-3_000))],
            total: Money(-26_800),
            tenders: vec![ReceiptTender {
                label: "Bank card".into(),
                amount: Money(-26_800),
                reference: Some("****1234".into()),
            }],
            change: Money::ZERO,
            footer: "Refunds go back to the card in 1-3 days.\nThank you".into(),
        }
    }

    const POOLS: &[&str] = &[
        "王丽娜张敏李娜补水保湿焕颜护理玻尿酸深层",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "      ",
        "éüßøçñÆ×·°①—…‘’“”",
        "😀❤\u{fe0f}👩\u{200d}🔬🇨🇳",
        "e\u{301}a\u{308}\u{200b}",
        "\n\t\r\u{1b}\u{7}\u{85}",
        "ＡＢＣ１２３，。：（）한국어カタカナ",
        "¥￥€$",
    ];

    fn text(rng: &mut StdRng, max: usize) -> String {
        let len = rng.gen_range(0..=max);
        (0..len)
            .map(|_| {
                if rng.gen_bool(0.05) {
                    return rng.gen::<char>();
                }
                let pool: Vec<char> = POOLS[rng.gen_range(0..POOLS.len())].chars().collect();
                pool[rng.gen_range(0..pool.len())]
            })
            .collect()
    }

    fn money(rng: &mut StdRng) -> Money {
        Money(match rng.gen_range(0..10) {
            0 => i64::MIN,
            1 => i64::MAX,
            2 => rng.gen(),
            3 => 0,
            _ => rng.gen_range(-10_000_000..100_000_000),
        })
    }

    fn count(rng: &mut StdRng) -> i64 {
        match rng.gen_range(0..6) {
            0 => i64::MIN,
            1 => i64::MAX,
            _ => rng.gen_range(-100_000..100_000),
        }
    }

    pub fn random(seed: u64) -> ReceiptDoc {
        let rng = &mut StdRng::seed_from_u64(seed);
        let kind = [ReceiptKind::Sale, ReceiptKind::Refund, ReceiptKind::Void][rng.gen_range(0..3)];
        let member = rng.gen_bool(0.6).then(|| ReceiptMember {
            name: text(rng, 40),
            member_no: text(rng, 40),
            tier: text(rng, 20),
            points_earned: count(rng),
            points_balance: count(rng),
            stored_value_balance: money(rng),
        });
        let lines = (0..rng.gen_range(0..6))
            .map(|_| ReceiptLine {
                name: text(rng, 120),
                qty: count(rng),
                unit_price: money(rng),
                discount: money(rng),
                amount: money(rng),
                staff: rng.gen_bool(0.5).then(|| text(rng, 40)),
            })
            .collect();
        let discounts = (0..rng.gen_range(0..3))
            .map(|_| (text(rng, 60), money(rng)))
            .collect();
        let tenders = (0..rng.gen_range(0..4))
            .map(|_| ReceiptTender {
                label: text(rng, 30),
                amount: money(rng),
                reference: rng.gen_bool(0.5).then(|| text(rng, 50)),
            })
            .collect();
        ReceiptDoc {
            store_name: text(rng, 60),
            store_address: text(rng, 100),
            store_phone: text(rng, 30),
            header: text(rng, 100),
            receipt_no: text(rng, 50),
            kind,
            reprint: rng.gen_bool(0.3),
            original_receipt_no: rng.gen_bool(0.5).then(|| text(rng, 50)),
            issued_at: text(rng, 30),
            cashier: text(rng, 40),
            member,
            lines,
            subtotal: money(rng),
            discounts,
            total: money(rng),
            tenders,
            change: money(rng),
            footer: text(rng, 150),
        }
    }
}
