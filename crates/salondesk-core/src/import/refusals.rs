//! The refused rows as a file the owner opens in Excel (UTF-8 with a BOM, so
//! Chinese shows right): row, field, reason code and the reason in words. No
//! cell of the file is copied into it (personal data stays in her file).

use super::fields::{Field, Reason, Refusal};
use crate::records::CsvLang;
use crate::store::Store;
use crate::{CoreError, Result};
use std::path::{Path, PathBuf};

fn words(reason: Reason, zh: bool) -> &'static str {
    use Reason::*;
    match (reason, zh) {
        (MissingName, true) => "缺少姓名/名称",
        (MissingName, false) => "name missing",
        (BadName, true) => "姓名/名称不符合要求",
        (BadName, false) => "name not accepted",
        (MissingPhone, true) => "缺少手机号",
        (MissingPhone, false) => "phone missing",
        (BadPhone, true) => "手机号无效",
        (BadPhone, false) => "not a valid phone number",
        (BadMemberNo, true) => "会员卡号无效或已被使用",
        (BadMemberNo, false) => "member no. invalid or taken",
        (BadDate, true) => "日期无效",
        (BadDate, false) => "not a valid date",
        (BadValue, true) => "取值无法识别",
        (BadValue, false) => "value not recognised",
        (UnknownTier, true) => "没有这个会员等级",
        (UnknownTier, false) => "no such tier",
        (BadAmount, true) => "金额或数量无效",
        (BadAmount, false) => "not a valid amount",
        (NegativeBalance, true) => "余额不能为负",
        (NegativeBalance, false) => "a balance cannot be negative",
        (BadSessions, true) => "次数无效或缺少次卡名称",
        (BadSessions, false) => "sessions invalid or package missing",
        (UnknownPlan, true) => "没有这个次卡",
        (UnknownPlan, false) => "no such package",
        (TooLong, true) => "内容过长",
        (TooLong, false) => "too long",
        (DuplicateInFile, true) => "与文件中前面的行重复",
        (DuplicateInFile, false) => "same as an earlier row",
        (MatchesTwoMembers, true) => "手机号和卡号属于两个不同会员",
        (MatchesTwoMembers, false) => "phone and member no. belong to two members",
        (OpeningDiffers, true) => "已有不同的期初余额",
        (OpeningDiffers, false) => "already has a different opening balance",
        (MissingPrice, true) => "缺少价格",
        (MissingPrice, false) => "price missing",
        (AlreadyInCatalog, true) => "已存在且信息不同",
        (AlreadyInCatalog, false) => "already in the catalog, with other facts",
    }
}

fn field_cell(f: Field) -> &'static str {
    f.as_str()
}

/// The refusals as CSV text (with its BOM).
pub fn refusals_csv(refused: &[Refusal], lang: CsvLang) -> String {
    let zh = lang == CsvLang::ZhCn;
    let mut out = String::from("\u{feff}");
    out += if zh {
        "行,字段,原因代码,原因\r\n"
    } else {
        "row,field,reason_code,reason\r\n"
    };
    for r in refused {
        out += &format!(
            "{},{},{},{}\r\n",
            r.row,
            field_cell(r.field),
            r.reason.as_str(),
            words(r.reason, zh)
        );
    }
    out
}

impl Store {
    /// Writes the refused rows to a new CSV in `dir` (the `exports/` folder
    /// beside the database) and returns its path.
    pub fn write_import_refusals(
        &self,
        actor: &crate::staff::Staff,
        refused: &[Refusal],
        lang: CsvLang,
        dir: &Path,
    ) -> Result<PathBuf> {
        actor.require(crate::staff::Permission::ImportData)?;
        let stamp = self.now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("import-refused-{stamp}.csv"));
        let io = |e: std::io::Error| CoreError::ExportFailed {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(&path, refusals_csv(refused, lang).as_bytes()).map_err(io)?;
        Ok(path)
    }
}
