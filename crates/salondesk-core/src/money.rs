//! Money is an integer number of the currency's minor unit (fen for CNY).
//! There is no float anywhere money flows.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    /// Whole yuan, for catalog literals and demo data.
    pub fn yuan(y: i64) -> Self {
        Money(y * 100)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses a decimal amount typed by a person ("12", "12.5", "12.50") into fen,
    /// refusing more than two decimals rather than rounding money silently.
    pub fn parse(s: &str) -> Option<Money> {
        let s = s.trim();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() || frac.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let frac_fen: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        let fen = whole.checked_mul(100)?.checked_add(frac_fen)?;
        Some(Money(if neg { -fen } else { fen }))
    }
}

/// Checked arithmetic on fen. Release builds wrap an `i64` silently, which
/// for money would turn a huge sum into a small or negative one; these refuse
/// instead, with `amount_too_large` naming the input (`field`) it came from.
pub mod checked {
    use crate::{CoreError, Result};

    fn too_large(field: &'static str) -> CoreError {
        CoreError::AmountTooLarge { field }
    }

    pub fn add(a: i64, b: i64, field: &'static str) -> Result<i64> {
        a.checked_add(b).ok_or_else(|| too_large(field))
    }

    pub fn sub(a: i64, b: i64, field: &'static str) -> Result<i64> {
        a.checked_sub(b).ok_or_else(|| too_large(field))
    }

    pub fn mul(a: i64, b: i64, field: &'static str) -> Result<i64> {
        a.checked_mul(b).ok_or_else(|| too_large(field))
    }

    pub fn neg(a: i64, field: &'static str) -> Result<i64> {
        a.checked_neg().ok_or_else(|| too_large(field))
    }

    pub fn sum(items: impl IntoIterator<Item = i64>, field: &'static str) -> Result<i64> {
        items
            .into_iter()
            .try_fold(0i64, |acc, x| add(acc, x, field))
    }

    /// `a * b / c` without overflow in between (c > 0); refused if the result
    /// does not fit.
    pub fn mul_div(a: i64, b: i64, c: i64, field: &'static str) -> Result<i64> {
        let exact = i128::from(a) * i128::from(b) / i128::from(c.max(1));
        i64::try_from(exact).map_err(|_| too_large(field))
    }

    /// A SQLite `sum()` past `i64` fails with "integer overflow" (it never
    /// wraps): that failure as `amount_too_large`, any other as it is.
    pub fn sql(e: rusqlite::Error, field: &'static str) -> CoreError {
        if e.to_string().contains("integer overflow") {
            too_large(field)
        } else {
            CoreError::Sqlite(e)
        }
    }
}

impl fmt::Display for Money {
    /// `123.45`: the amount in major units with two decimals (no currency sign:
    /// the UI formats for the locale).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Money;

    #[test]
    fn parses_typed_amounts_exactly() {
        assert_eq!(Money::parse("12"), Some(Money(1200)));
        assert_eq!(Money::parse("12.5"), Some(Money(1250)));
        assert_eq!(Money::parse("0.07"), Some(Money(7)));
        assert_eq!(Money::parse("-3.10"), Some(Money(-310)));
        // three decimals would need rounding: refused, not guessed
        assert_eq!(Money::parse("1.005"), None);
        assert_eq!(Money::parse("abc"), None);
        assert_eq!(Money::parse(".5"), None);
    }

    #[test]
    fn checked_arithmetic_refuses_what_would_wrap() {
        use super::checked;
        let code = |r: crate::Result<i64>| r.unwrap_err().code();
        assert_eq!(code(checked::add(i64::MAX, 1, "x")), "amount_too_large");
        assert_eq!(
            code(checked::sum([i64::MAX / 2 + 1; 2], "x")),
            "amount_too_large"
        );
        assert_eq!(code(checked::mul(i64::MAX / 3, 4, "x")), "amount_too_large");
        assert_eq!(code(checked::neg(i64::MIN, "x")), "amount_too_large");
        assert_eq!(
            checked::mul_div(i64::MAX, 5_000, 10_000, "x").unwrap(),
            i64::MAX / 2,
            "a product past i64 divided back into range is exact"
        );
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Money(123456).to_string(), "1234.56");
        assert_eq!(Money(-5).to_string(), "-0.05");
    }
}
