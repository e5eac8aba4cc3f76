//! A report's shape: headline figures and tables of typed columns. Values
//! are integers (fen for money, hundredths for percentages and ratings) or
//! text, so the screen formats them for the locale and the export writes
//! real numbers.

use serde::{Deserialize, Serialize};

/// How a column's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// A label: a name, a category, a payment method's code.
    Text,
    /// A code the screen puts in words (`reports.code.<key>.<value>`).
    Code,
    /// A business date `YYYY-MM-DD` (a day, or the first day of a week/month).
    Date,
    /// A business month, as its first day `YYYY-MM-01`.
    Month,
    Count,
    /// Fen.
    Money,
    /// Hundredths of a percent (12.34 % = 1234).
    Percent,
    /// Hundredths of a point on a 1–5 scale (4.50 = 450).
    Rating,
    /// A store: its name (text), or, for a store not named yet (its sales
    /// arrived before the owner's console listed it), its place in the list
    /// (a number) that the screen and the export word in their language
    /// ("门店 2" / "Store 2").
    Store,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReportColumn {
    /// The column's name: its header is `reports.col.<key>` on screen and in
    /// the export's words.
    pub key: String,
    pub kind: ColumnKind,
}

/// One value: a number (per its column's kind), a text, or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ReportValue {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    Int(i64),
    Text(String),
    Null,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReportTable {
    /// The table's name within its report (`by_day`, `by_category` …): its
    /// title is `reports.table.<id>`, its export sheet is named for it.
    pub id: String,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<Vec<ReportValue>>,
}

/// A headline figure with what it is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Kpi {
    pub key: String,
    pub kind: ColumnKind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub value: i64,
    /// The same figure over the previous period of the same length.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub previous: Option<i64>,
    /// The same figure over the same dates last year.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub last_year: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub kpis: Vec<Kpi>,
    pub tables: Vec<ReportTable>,
}

impl ReportTable {
    pub fn new(id: &str, columns: &[(&str, ColumnKind)]) -> ReportTable {
        ReportTable {
            id: id.to_string(),
            columns: columns
                .iter()
                .map(|(key, kind)| ReportColumn {
                    key: key.to_string(),
                    kind: *kind,
                })
                .collect(),
            rows: Vec::new(),
        }
    }
}

impl Report {
    pub fn table(&self, id: &str) -> Option<&ReportTable> {
        self.tables.iter().find(|t| t.id == id)
    }
}
