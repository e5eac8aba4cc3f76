//! An enrolment code as a QR code, drawn as SVG (the `qrcode` crate): the
//! new till's staff can read the code off the owner's screen with a phone,
//! or type it. The SVG is made here, not in the web view, so the screen only
//! shows what the core drew.

use crate::{CoreError, Result};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// `text` as an SVG QR code, `px` pixels square at least, dark on white
/// with the quiet zone readers need.
pub fn qr_svg(text: &str, px: u32) -> Result<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| CoreError::Internal(format!("QR code: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(px, px)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enrolment_code_draws_as_an_svg() {
        let svg = qr_svg("ABCD-EFGH", 160).unwrap();
        assert!(
            svg.starts_with("<?xml") || svg.starts_with("<svg"),
            "an SVG document"
        );
        assert!(svg.contains("<svg"), "with its element");
        assert!(svg.contains("#000000"), "dark modules drawn");
        assert!(!svg.contains("<script"), "nothing but drawing");
    }
}
