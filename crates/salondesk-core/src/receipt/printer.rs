//! This device's receipt printer: where the bytes go (a device node such as
//! /dev/usb/lp0, a file, or a folder that gets one file per receipt), the
//! paper, the language, and whether a sale prints by itself. Device-local:
//! kept in `meta`, never synced (another till has another printer).

use super::model::{PaperWidth, ReceiptLang};
use crate::store::{meta_get, Store};
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrinterSettings {
    /// Empty: no printer (the receipt is shown on screen only).
    pub path: String,
    /// 58 or 80 (mm).
    pub paper_mm: u8,
    /// "zh-CN" or "en".
    pub lang: String,
    /// Print each completed sale without being asked.
    pub auto_print: bool,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            path: String::new(),
            paper_mm: 80,
            lang: "zh-CN".into(),
            auto_print: true,
        }
    }
}

impl PrinterSettings {
    pub fn paper(&self) -> PaperWidth {
        if self.paper_mm == 58 {
            PaperWidth::Mm58
        } else {
            PaperWidth::Mm80
        }
    }

    pub fn receipt_lang(&self) -> ReceiptLang {
        if self.lang.starts_with("en") {
            ReceiptLang::En
        } else {
            ReceiptLang::ZhCn
        }
    }

    /// Where receipt `receipt_no` goes: into a folder as `<receipt no>.escpos`,
    /// else the path itself (a device node or a file, replaced each time).
    pub fn target(&self, receipt_no: &str) -> Option<PathBuf> {
        let path = Path::new(self.path.trim());
        if path.as_os_str().is_empty() {
            None
        } else if path.is_dir() {
            Some(path.join(format!("{receipt_no}.escpos")))
        } else {
            Some(path.to_path_buf())
        }
    }
}

const KEY: &str = "printer";

impl Store {
    pub fn printer_settings(&self) -> Result<PrinterSettings> {
        Ok(match meta_get(self.conn(), KEY)? {
            Some(s) => serde_json::from_str(&s)?,
            None => PrinterSettings::default(),
        })
    }

    /// This device's printer: where receipts go is a store setting (a wrong
    /// target sends every receipt elsewhere), so `EditStoreSettings`.
    pub fn save_printer_settings(
        &mut self,
        actor: &crate::staff::Staff,
        s: &PrinterSettings,
    ) -> Result<()> {
        actor.require(crate::staff::Permission::EditStoreSettings)?;
        if s.paper_mm != 58 && s.paper_mm != 80 {
            return Err(CoreError::validation("paperMm", "paper is 58 or 80 mm"));
        }
        if !matches!(s.lang.as_str(), "zh-CN" | "en") {
            return Err(CoreError::validation(
                "lang",
                "receipts print in zh-CN or en",
            ));
        }
        let json = serde_json::to_string(s)?;
        self.write(|w| w.set_meta(KEY, &json))
    }
}
