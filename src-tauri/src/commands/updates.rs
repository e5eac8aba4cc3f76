//! Updates as the desk sees them (README "Updates"): the status for Settings / About and the
//! banner, the cashier's "install now", and the checkout telling the core's `SaleGate` what
//! its cart holds (the gate, not the screen, decides whether a sale is open).

use crate::dto::updates::UpdateStatusView;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::updates::Updates;
use salondesk_core::updates::SaleGate;
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn update_status(
    app: AppHandle,
    updates: State<'_, Updates>,
) -> ApiResult<UpdateStatusView> {
    Ok(updates.status(app.package_info().version.to_string()))
}

/// The checkout's cart now has `lines` lines (0 when emptied or paid).
#[tauri::command]
pub async fn sale_cart_changed(gate: State<'_, SaleGate>, lines: u32) -> ApiResult<()> {
    gate.cart_changed(lines);
    Ok(())
}

/// Installs the downloaded version the cashier agreed to: refused (`sale_open`) while a sale
/// is open. On Windows the installer starts and this app closes; elsewhere the package
/// manager's own update applies (the .deb), and this answers why not.
#[tauri::command]
pub async fn install_update(
    gate: State<'_, SaleGate>,
    updates: State<'_, Updates>,
) -> ApiResult<()> {
    gate.may_update()?;
    let Some((update, bytes)) = updates.take_ready() else {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "no update is ready to install",
        ));
    };
    // `install` checks the signature again, then (Windows) runs the installer and exits.
    match update.install(&bytes) {
        Ok(()) => Ok(()),
        Err(e) => {
            let message = format!("the update could not be installed: {e}");
            updates.put_back(update, bytes);
            Err(ApiError::new(ErrorCode::Internal, message))
        }
    }
}
