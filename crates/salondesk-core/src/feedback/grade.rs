//! Satisfaction grades (满意度等级). No seed or document of the salon's
//! defines them, so the rule is written here once and every screen, export
//! and report reads it from here: 5 优秀 (excellent), 4 良好 (good),
//! 3 一般 (fair), 1–2 较差 (poor) — the usual Chinese salon survey's four
//! bands, where a 2 and a 1 both call for a manager's attention.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 良好
    Good,
    /// 一般
    Fair,
    /// 较差
    Poor,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Poor => "poor",
        }
    }

    /// The grade's name as a Chinese salon says it.
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Fair => "一般",
            Grade::Poor => "较差",
        }
    }
}

/// The grade of a 1–5 score (anything below 3 is poor; above 5 is excellent).
pub fn grade(score: u8) -> Grade {
    match score {
        5.. => Grade::Excellent,
        4 => Grade::Good,
        3 => Grade::Fair,
        _ => Grade::Poor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_score_falls_in_its_band() {
        let bands: Vec<_> = (1..=5).map(|s| grade(s).zh()).collect();
        assert_eq!(
            bands,
            ["较差", "较差", "一般", "良好", "优秀"],
            "the bands as the salon's survey reads them"
        );
    }
}
