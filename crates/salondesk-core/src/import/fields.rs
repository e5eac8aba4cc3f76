//! What an import can bring, and the column each file's column is mapped to.

use serde::{Deserialize, Serialize};

/// What is imported from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Members,
    Services,
    Products,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Members => "members",
            ImportKind::Services => "services",
            ImportKind::Products => "products",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        [Self::Members, Self::Services, Self::Products]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The fields a file of this kind may map its columns to.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            ImportKind::Members => &[
                Name,
                Phone,
                Gender,
                Birthday,
                MemberNo,
                Tier,
                StoredValue,
                Bonus,
                Points,
                Package,
                Sessions,
                PackageExpiry,
                Notes,
                Tags,
                SkinType,
                Allergies,
                ConsentMarketing,
                Region,
                Source,
            ],
            ImportKind::Services => &[Name, NameEn, Category, Price, Duration],
            ImportKind::Products => &[
                Name, NameEn, Barcode, Sku, Category, Unit, Price, Cost, Stock, LowStock,
            ],
        }
    }

    /// The fields a file of this kind cannot do without.
    pub fn required(self) -> &'static [Field] {
        match self {
            ImportKind::Members => &[Field::Name, Field::Phone],
            ImportKind::Services | ImportKind::Products => &[Field::Name, Field::Price],
        }
    }
}

/// A field a column can be mapped to (the UI's words for them are in its i18n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportField"))]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Name,
    Phone,
    Gender,
    Birthday,
    MemberNo,
    Tier,
    /// Stored value (储值余额) in yuan: the principal.
    StoredValue,
    /// Stored value given as a bonus (赠送余额), in yuan.
    Bonus,
    Points,
    /// The package plan (次卡) whose sessions she has left, by name.
    Package,
    /// Sessions left on that package.
    Sessions,
    PackageExpiry,
    Notes,
    Tags,
    SkinType,
    Allergies,
    ConsentMarketing,
    Region,
    Source,
    NameEn,
    Category,
    Price,
    /// Minutes a service takes.
    Duration,
    Barcode,
    Sku,
    Cost,
    Unit,
    /// Units on hand to bring in (opening stock).
    Stock,
    LowStock,
}

impl Field {
    /// The field's name on the wire and in the refusals file (camelCase).
    pub fn as_str(self) -> &'static str {
        use Field::*;
        match self {
            Name => "name",
            Phone => "phone",
            Gender => "gender",
            Birthday => "birthday",
            MemberNo => "memberNo",
            Tier => "tier",
            StoredValue => "storedValue",
            Bonus => "bonus",
            Points => "points",
            Package => "package",
            Sessions => "sessions",
            PackageExpiry => "packageExpiry",
            Notes => "notes",
            Tags => "tags",
            SkinType => "skinType",
            Allergies => "allergies",
            ConsentMarketing => "consentMarketing",
            Region => "region",
            Source => "source",
            NameEn => "nameEn",
            Category => "category",
            Price => "price",
            Duration => "duration",
            Barcode => "barcode",
            Sku => "sku",
            Cost => "cost",
            Unit => "unit",
            Stock => "stock",
            LowStock => "lowStock",
        }
    }
}

/// Which field each column of the file goes to (`None`: left out), in the
/// file's column order.
pub type Mapping = Vec<Option<Field>>;

/// Why a row is refused: one reason per row, with the field it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportReason"))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    MissingName,
    BadName,
    MissingPhone,
    BadPhone,
    BadMemberNo,
    /// Not a date, or no such day (Feb 30), or a birthday in the future.
    BadDate,
    /// A gender, skin type or yes/no that is none of the words known.
    BadValue,
    UnknownTier,
    BadAmount,
    NegativeBalance,
    /// Sessions that are not a whole number, or sessions with no package.
    BadSessions,
    /// A package (次卡) no plan of the store is called.
    UnknownPlan,
    /// Text past its length (notes, tags, names of things).
    TooLong,
    /// The same phone, card number, barcode or name as an earlier row.
    DuplicateInFile,
    /// Her phone is one member's and her card number another's.
    MatchesTwoMembers,
    /// She already has an opening balance of this kind, and it is not this one
    /// (an opening is entered once: a second, different one is no top-up).
    OpeningDiffers,
    MissingPrice,
    /// A service or product already in the catalog, with other facts.
    AlreadyInCatalog,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        use Reason::*;
        match self {
            MissingName => "missing_name",
            BadName => "bad_name",
            MissingPhone => "missing_phone",
            BadPhone => "bad_phone",
            BadMemberNo => "bad_member_no",
            BadDate => "bad_date",
            BadValue => "bad_value",
            UnknownTier => "unknown_tier",
            BadAmount => "bad_amount",
            NegativeBalance => "negative_balance",
            BadSessions => "bad_sessions",
            UnknownPlan => "unknown_plan",
            TooLong => "too_long",
            DuplicateInFile => "duplicate_in_file",
            MatchesTwoMembers => "matches_two_members",
            OpeningDiffers => "opening_differs",
            MissingPrice => "missing_price",
            AlreadyInCatalog => "already_in_catalog",
        }
    }
}

/// A refused row: its number in the file, why, and the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub row: u32,
    pub reason: Reason,
    pub field: Field,
}

impl Refusal {
    pub fn new(row: u32, reason: Reason, field: Field) -> Refusal {
        Refusal { row, reason, field }
    }
}
