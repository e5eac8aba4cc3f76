//! A staff PIN: 4 to 8 digits. Never stored, logged or displayed; only its
//! argon2 hash is kept.

use crate::{CoreError, Result};

pub struct Pin(String);

impl Pin {
    pub fn parse(input: &str) -> Result<Pin> {
        let ok = (4..=8).contains(&input.len()) && input.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(CoreError::validation("pin", "a PIN is 4 to 8 digits"));
        }
        Ok(Pin(input.to_owned()))
    }

    pub(crate) fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(****)")
    }
}
