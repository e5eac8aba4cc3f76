//! Record ids: UUID v7 made on the device that creates the record, one newtype
//! per entity so a member id can never be passed where a staff id is meant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// A fresh UUID v7 whose time part comes from the handed-in clock.
pub fn new_v7(now: DateTime<Utc>) -> Uuid {
    let secs = now.timestamp().max(0) as u64;
    let nanos = now.timestamp_subsec_nanos();
    Uuid::new_v7(uuid::Timestamp::from_unix(uuid::NoContext, secs, nanos))
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new(now: DateTime<Utc>) -> Self {
                $name(new_v7(now))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::CoreError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim())
                    .map($name)
                    .map_err(|_| crate::CoreError::validation("id", format!("not a valid id: {s:?}")))
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.0.to_string()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Uuid::parse_str(s)
                    .map($name)
                    .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

id_type!(
    /// A member (会员).
    MemberId
);
id_type!(
    /// A staff member (员工).
    StaffId
);
id_type!(
    /// A service in the catalog (服务项目).
    ServiceId
);
id_type!(
    /// A product in the catalog (商品).
    ProductId
);
id_type!(
    /// One operation in the outbox.
    OpId
);
id_type!(
    /// One installed copy of the app.
    DeviceId
);
