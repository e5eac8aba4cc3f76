//! The audit log as a CSV file for Excel: UTF-8 with a byte-order mark (Excel
//! reads a file without one as the PC's ANSI code page and garbles Chinese),
//! times in the store's time zone, actions in words, the amount as a number
//! of its own, and no personal data: detail never holds a member's, and any
//! long run of digits (a phone typed into a reason) is masked anyway.

use super::{AuditEntry, AuditFilter};
use crate::checkout::audit;
use crate::export::{csv_head, csv_row, Cell, Format, Output};
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvLang {
    ZhCn,
    En,
}

impl CsvLang {
    pub fn of(tag: &str) -> CsvLang {
        if tag.starts_with("en") {
            CsvLang::En
        } else {
            CsvLang::ZhCn
        }
    }
}

const HEAD_ZH: [&str; 7] = [
    "时间",
    "操作",
    "操作人",
    "审批人",
    "单号/对象",
    "金额",
    "详情",
];
const HEAD_EN: [&str; 7] = [
    "Time",
    "Action",
    "Staff",
    "Approved by",
    "Receipt / subject",
    "Amount",
    "Detail",
];

/// The words for an action; an action this build does not know keeps its name.
fn action_words(action: &str, lang: CsvLang) -> &str {
    let (zh, en) = match action {
        "void" => ("作废", "Void"),
        "refund" => ("退款", "Refund"),
        "manual_discount" => ("手动优惠", "Manual discount"),
        "price_override" => ("改价", "Price override"),
        "drawer_open" => ("开钱箱", "Drawer opened"),
        "pay_in" => ("存入现金", "Pay-in"),
        "pay_out" => ("取出现金", "Pay-out"),
        "tier_rules" => ("修改会员等级规则", "Tier rules changed"),
        "sync_op_retried" => ("重新同步", "Sync operation resent"),
        "sync_op_discarded" => ("放弃同步", "Sync operation discarded"),
        "staff_added" => ("新增员工", "Staff added"),
        "staff_role" => ("修改员工角色", "Staff role changed"),
        // Being added by the back office's other parts (names as announced).
        "staff_deactivated" => ("停用员工", "Staff deactivated"),
        "staff_reactivated" => ("启用员工", "Staff reactivated"),
        "staff_pin_reset" => ("重置密码", "PIN reset"),
        "staff_edited" => ("修改员工资料", "Staff details changed"),
        "sensitive_viewed" => ("查看敏感信息", "Sensitive notes viewed"),
        "stock_adjust" => ("库存调整", "Stock adjusted"),
        "stock_take" => ("盘点", "Stock take"),
        "export" => ("导出", "Export"),
        "member_data_exported" => ("导出会员个人信息", "Member's data exported"),
        "member_erased" => ("删除会员个人信息", "Member erased"),
        _ => return action,
    };
    match lang {
        CsvLang::ZhCn => zh,
        CsvLang::En => en,
    }
}

fn role_words(role: &str, lang: CsvLang) -> &str {
    let (zh, en) = match role {
        "owner" => ("店主", "Owner"),
        "manager" => ("店长", "Manager"),
        "cashier" => ("收银员", "Cashier"),
        "beautician" => ("美容师", "Beautician"),
        _ => return role,
    };
    match lang {
        CsvLang::ZhCn => zh,
        CsvLang::En => en,
    }
}

/// Runs of seven or more digits keep their first three and last four, as a
/// masked phone does (138****5678).
pub(crate) fn mask_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 7 {
            out.push_str(&run[..3]);
            out.push_str(&"*".repeat(run.len() - 7));
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The detail in words, without the amount (a column of its own).
fn summary(detail: &Value, lang: CsvLang) -> String {
    let zh = lang == CsvLang::ZhCn;
    let Value::Object(map) = detail else {
        return mask_digits(&scalar(detail));
    };
    let mut parts = Vec::new();
    if let Some(to) = map.get("to").and_then(Value::as_str) {
        let to = role_words(to, lang);
        parts.push(match map.get("from").and_then(Value::as_str) {
            Some(from) => format!("{} → {to}", role_words(from, lang)),
            None => to.to_owned(),
        });
    }
    for (key, v) in map {
        let text = match key.as_str() {
            "amount" | "to" | "from" | "original" | "opId" => continue,
            "reason" => format!("{}{}", if zh { "原因：" } else { "Reason: " }, scalar(v)),
            "for" => action_words(&scalar(v), lang).to_owned(),
            "lines" => {
                let lines = v.as_array().cloned().unwrap_or_default();
                let each: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        let price = l.get("price").and_then(Value::as_i64).map(Money);
                        match price {
                            Some(p) => format!("{} {p}", scalar(&l["item"])),
                            None => scalar(&l["item"]),
                        }
                    })
                    .collect();
                each.join("; ")
            }
            _ => format!("{key}: {}", scalar(v)),
        };
        parts.push(text);
    }
    mask_digits(&parts.join(if zh { "；" } else { "; " }))
}

/// One entry as the export's typed cells: its time (in the store's zone
/// when written), the action and people in words, the amount as a number.
fn cells(e: &AuditEntry, lang: CsvLang) -> [Cell; 7] {
    let time = match crate::time::parse_iso(&e.at) {
        Some(t) => Cell::Time(t),
        None => Cell::Text(e.at.clone()),
    };
    let subject = e.receipt_no.clone().or_else(|| e.subject_staff.clone());
    let amount = e.detail.get("amount").and_then(Value::as_i64);
    [
        time,
        Cell::text(action_words(&e.action, lang)),
        Cell::Text(e.staff_name.clone()),
        Cell::Text(e.approver_name.clone().unwrap_or_default()),
        Cell::Text(subject.unwrap_or_default()),
        amount.map_or(Cell::Empty, |f| Cell::Money(Money(f))),
        Cell::Text(summary(&e.detail, lang)),
    ]
}

fn head(lang: CsvLang) -> [&'static str; 7] {
    match lang {
        CsvLang::ZhCn => HEAD_ZH,
        CsvLang::En => HEAD_EN,
    }
}

/// The CSV text of `entries` (BOM, header, a row each), times shifted by the
/// store's UTC offset: the export's own CSV encoding (`export::csv_row`).
pub fn audit_csv(entries: &[AuditEntry], lang: CsvLang, utc_offset_minutes: i32) -> String {
    let mut out = csv_head(&head(lang));
    for e in entries {
        out += &csv_row(&cells(e, lang), utc_offset_minutes);
    }
    out
}

impl Store {
    /// Writes the audit log `filter` selects to a new CSV file in `dir` and
    /// returns its path. Needs `ViewRecords` and `Export`; the export is
    /// itself audited (`export`: what, how many rows, which filter, the file).
    pub fn export_audit_csv(
        &mut self,
        actor: &Staff,
        filter: &AuditFilter,
        lang: CsvLang,
        dir: &Path,
    ) -> Result<PathBuf> {
        actor.require(Permission::ViewRecords)?;
        actor.require(Permission::Export)?;
        let entries = self.audit_rows(filter, None, None)?;
        let cfg = self.checkout_settings()?;
        let stamp = (self.now() + chrono::Duration::minutes(i64::from(cfg.utc_offset_minutes)))
            .format("%Y%m%d-%H%M%S");
        let base = format!("audit-log-{stamp}");
        let name = format!("{base}.csv");
        // Written a row at a time by the export's table writer.
        let mut out = Output::create(Format::Csv, dir, &base, cfg.utc_offset_minutes);
        let written = (|| {
            out.sheet(None, "audit-log", &head(lang))?;
            for e in &entries {
                out.row(&cells(e, lang))?;
            }
            Ok(())
        })();
        if let Err(e) = written {
            out.discard();
            return Err(e);
        }
        let path = out
            .finish()?
            .pop()
            .ok_or_else(|| CoreError::Internal("the audit CSV was not written".into()))?;
        let detail = json!({
            "what": "audit_log", "rows": entries.len(), "file": name,
            "from": filter.period.from, "to": filter.period.to,
            "action": filter.action, "staff": filter.staff,
        });
        let audited = self.write(|w| audit::record(w, actor.id, None, "export", None, &detail));
        if let Err(e) = audited {
            // No export without its entry in the log.
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::mask_digits;

    #[test]
    fn long_runs_of_digits_are_masked_as_phones_are_and_short_ones_kept() {
        assert_eq!(
            mask_digits("客户13812345678要"),
            "客户138****5678要",
            "an 11-digit phone"
        );
        assert_eq!(
            mask_digits("1234567"),
            "1234567",
            "seven digits: three, no stars, four"
        );
        assert_eq!(
            mask_digits("第123456次 and 12345678"),
            "第123456次 and 123*5678",
            "six digits stay, eight are masked"
        );
    }
}
