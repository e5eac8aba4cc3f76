//! Phone numbers: mainland China mobiles (typed with or without +86) and
//! international numbers in E.164 form, validated against libphonenumber's
//! metadata and kept normalized as E.164.

use crate::{CoreError, Result};
use phonenumber::country::Id as Country;
use phonenumber::{Mode, PhoneNumber};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Phone> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{3000}'))
            .collect();
        if cleaned.is_empty() {
            return Err(CoreError::validation("phone", "a phone number is required"));
        }
        let cleaned = match cleaned.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => cleaned,
        };
        let bad = || {
            CoreError::validation(
                "phone",
                "not a valid phone number: use an 11-digit mainland mobile (138 1234 5678) \
                 or an international number starting with + (+852 9123 4567)",
            )
        };
        let rest = cleaned.strip_prefix('+').unwrap_or(&cleaned);
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || rest.len() > 15 {
            return Err(bad());
        }
        let number: PhoneNumber =
            phonenumber::parse(Some(Country::CN), &cleaned).map_err(|_| bad())?;
        if !phonenumber::is_valid(&number) {
            return Err(bad());
        }
        if number.country().id() == Some(Country::CN) && !is_mobile(&number) {
            return Err(CoreError::validation(
                "phone",
                "mainland numbers must be mobile numbers (11 digits starting with 1)",
            ));
        }
        Ok(Phone(number.format().mode(Mode::E164).to_string()))
    }

    /// Rebuilds a phone read back from the database (already normalized).
    pub(crate) fn from_stored(e164: String) -> Phone {
        Phone(e164)
    }

    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The digits a person dials inside the country: "13812345678" for +8613812345678.
    /// International numbers keep their country code, so suffixes still match.
    pub fn national_digits(&self) -> &str {
        self.0.strip_prefix("+86").unwrap_or(&self.0[1..])
    }

    /// For people who may not see the whole number: "138****5678".
    pub fn masked(&self) -> String {
        let d = self.national_digits();
        if d.len() <= 7 {
            return format!("****{}", &d[d.len().saturating_sub(2)..]);
        }
        let prefix = if self.0.starts_with("+86") { "" } else { "+" };
        format!("{prefix}{}****{}", &d[..3], &d[d.len() - 4..])
    }

    /// For display to those who may: "138 1234 5678" or "+852 91234567".
    pub fn display(&self) -> String {
        let d = self.national_digits();
        if self.0.starts_with("+86") && d.len() == 11 {
            format!("{} {} {}", &d[..3], &d[3..7], &d[7..])
        } else {
            self.0.clone()
        }
    }
}

fn is_mobile(n: &PhoneNumber) -> bool {
    use phonenumber::Type;
    matches!(
        n.number_type(&phonenumber::metadata::DATABASE),
        Type::Mobile | Type::FixedLineOrMobile
    )
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn normalizes_mainland_mobiles_however_typed() {
        for typed in [
            "13812345678",
            "138 1234 5678",
            "+86 138-1234-5678",
            "008613812345678",
        ] {
            let p = Phone::parse(typed).unwrap_or_else(|e| panic!("{typed:?} should parse: {e}"));
            assert_eq!(p.e164(), "+8613812345678", "{typed:?}");
        }
        let p = Phone::parse("13812345678").unwrap();
        assert_eq!(p.national_digits(), "13812345678");
        assert_eq!(p.masked(), "138****5678");
        assert_eq!(p.display(), "138 1234 5678");
    }

    #[test]
    fn accepts_international_e164() {
        let p = Phone::parse("+852 9123 4567").expect("a Hong Kong mobile is valid");
        assert_eq!(p.e164(), "+85291234567");
        assert_eq!(p.national_digits(), "85291234567");
    }

    #[test]
    fn refuses_malformed_numbers_naming_the_field() {
        for bad in [
            "",
            "12345",
            "1381234567",
            "23812345678",
            "abc",
            "+1 234",
            "010 6552 9988",
        ] {
            let err = Phone::parse(bad).expect_err(bad);
            assert_eq!(
                err.field(),
                Some("phone"),
                "{bad:?} must be a phone-field error"
            );
        }
    }
}
