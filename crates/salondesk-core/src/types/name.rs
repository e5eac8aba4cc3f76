//! A person's name as a salon writes it: Chinese (王丽娜) or Latin (Emily Chen).

use crate::{CoreError, Result};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 40;

    /// Trims, folds runs of white space to one space, and checks length and characters.
    pub fn parse(input: &str) -> Result<PersonName> {
        let folded = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty() {
            return Err(CoreError::validation("name", "a name is required"));
        }
        if folded.chars().count() > Self::MAX_CHARS {
            return Err(CoreError::validation(
                "name",
                format!("a name has at most {} characters", Self::MAX_CHARS),
            ));
        }
        if folded.chars().any(char::is_control) {
            return Err(CoreError::validation(
                "name",
                "a name cannot contain control characters",
            ));
        }
        if !folded.chars().any(char::is_alphabetic) {
            return Err(CoreError::validation(
                "name",
                "a name needs at least one letter",
            ));
        }
        Ok(PersonName(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PersonName;

    #[test]
    fn folds_space_and_refuses_empty_or_digits() {
        assert_eq!(
            PersonName::parse("  Emily   Chen ").unwrap().as_str(),
            "Emily Chen"
        );
        assert_eq!(PersonName::parse("王丽娜").unwrap().as_str(), "王丽娜");
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse("12345").is_err());
        assert!(PersonName::parse(&"长".repeat(41)).is_err());
    }
}
