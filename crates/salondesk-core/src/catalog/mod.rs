//! The catalog: services (服务项目) with a duration and price, and products
//! (商品) with SKU, barcode, price, cost and stock kept as a ledger of moves.

mod product;
mod service;

pub use product::{Product, ProductInput};
pub use service::{Service, ServiceInput};

/// Catalog names are matched case-insensitively anywhere in the name.
pub(crate) fn like_pattern(query: &str) -> String {
    let escaped: String = query
        .trim()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}
