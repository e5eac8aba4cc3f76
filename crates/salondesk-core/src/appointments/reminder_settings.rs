//! This device's reminder settings: the webhook (or SMS gateway) URL that
//! sends messages, and their language. Device-local, like the receipt
//! printer: only a device with a sender configured sends, so two desks never
//! send the same reminder twice.

use super::templates::MessageLang;
use crate::staff::Staff;
use crate::store::{meta_get, Store};
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

const KEY: &str = "reminders";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    /// Where messages are POSTed as JSON; empty: no sender, the desk sends by hand.
    pub webhook_url: String,
    pub lang: MessageLang,
}

impl ReminderSettings {
    pub fn sender_configured(&self) -> bool {
        !self.webhook_url.trim().is_empty()
    }

    fn validate(&self) -> Result<()> {
        let url = self.webhook_url.trim();
        if url.is_empty() {
            return Ok(());
        }
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if !scheme_ok || url.len() > 500 || url.chars().any(char::is_whitespace) {
            return Err(CoreError::validation(
                "webhookUrl",
                "a webhook URL starts with https:// (or http://) and has no spaces",
            ));
        }
        Ok(())
    }
}

pub(crate) fn load(conn: &rusqlite::Connection) -> Result<ReminderSettings> {
    Ok(match meta_get(conn, KEY)? {
        Some(s) => serde_json::from_str(&s)?,
        None => ReminderSettings::default(),
    })
}

impl Store {
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        load(&self.conn)
    }

    pub fn save_reminder_settings(&mut self, actor: &Staff, s: &ReminderSettings) -> Result<()> {
        actor.require(crate::staff::Permission::EditStoreSettings)?;
        s.validate()?;
        let s = ReminderSettings {
            webhook_url: s.webhook_url.trim().to_owned(),
            lang: s.lang,
        };
        let json = serde_json::to_string(&s)?;
        self.write(|w| w.set_meta(KEY, &json))
    }
}
