//! Files to import, written for real in a temp dir and read back as the app
//! reads them (bytes → `import::read`), and a salon with a package plan.

use crate::checkout_fixture::{salon, Salon};
use salondesk_core::import::{self, ImportKind, ImportReport, Mapping, Sheet};
use salondesk_core::staff::Staff;
use salondesk_core::Store;
use std::path::Path;

/// The salon's package plan's name ("深层清洁10次卡").
pub const PLAN: &str = "深层清洁10次卡";

pub fn shop() -> Salon {
    salon()
}

/// `text` saved as a UTF-8 CSV file in `dir`, read back.
pub fn csv(dir: &Path, text: &str) -> Sheet {
    file(dir, "members.csv", text.as_bytes())
}

pub fn file(dir: &Path, name: &str, bytes: &[u8]) -> Sheet {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    import::read(&std::fs::read(&path).unwrap()).expect("the file reads")
}

/// The guessed mapping (what the owner starts from).
pub fn mapping(kind: ImportKind, sheet: &Sheet) -> Mapping {
    import::guess(kind, &sheet.headers)
}

pub fn dry_run(store: &Store, who: &Staff, sheet: &Sheet) -> ImportReport {
    store
        .import_dry_run(
            who,
            ImportKind::Members,
            sheet,
            &mapping(ImportKind::Members, sheet),
        )
        .expect("the dry run runs")
}

pub fn run(store: &mut Store, who: &Staff, sheet: &Sheet) -> ImportReport {
    store
        .import_run(
            who,
            ImportKind::Members,
            sheet,
            &mapping(ImportKind::Members, sheet),
            &mut |_, _| {},
        )
        .expect("the import runs")
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}
