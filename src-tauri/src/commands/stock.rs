//! The back office's stock: levels, the low-stock badge, receipts,
//! adjustments, stock takes and a product's history. The core checks
//! `ManageStock` itself.

use crate::dto::stock::{
    AdjustInputDto, CountLineInput, CountSheetLineView, ReceiptInputDto, StockMoveView,
    StockRowView, StockTakeView,
};
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

#[tauri::command]
pub async fn stock_on_hand(
    state: State<'_, AppState>,
    category: Option<String>,
    low_only: bool,
) -> ApiResult<Vec<StockRowView>> {
    let staff = state.staff()?;
    let rows = state
        .store()?
        .stock_on_hand(&staff, category.as_deref(), low_only)?;
    Ok(rows.iter().map(StockRowView::from).collect())
}

#[tauri::command]
pub async fn stock_categories(state: State<'_, AppState>) -> ApiResult<Vec<String>> {
    state.staff()?;
    Ok(state.store()?.stock_categories()?)
}

/// The top bar's badge: how many products are low on stock.
#[tauri::command]
pub async fn low_stock_count(state: State<'_, AppState>) -> ApiResult<i64> {
    state.staff()?;
    Ok(state.store()?.low_stock_count()?)
}

/// Returns the receipt's id.
#[tauri::command]
pub async fn receive_goods(
    state: State<'_, AppState>,
    input: ReceiptInputDto,
) -> ApiResult<String> {
    let staff = state.staff()?;
    let input = input.to_core()?;
    Ok(state.store()?.receive_goods(&staff, &input)?)
}

/// Returns the product's new on-hand.
#[tauri::command]
pub async fn adjust_stock(state: State<'_, AppState>, input: AdjustInputDto) -> ApiResult<i64> {
    let staff = state.staff()?;
    let input = input.to_core()?;
    Ok(state.store()?.adjust_stock(&staff, &input)?)
}

#[tauri::command]
pub async fn count_sheet(
    state: State<'_, AppState>,
    category: String,
) -> ApiResult<Vec<CountSheetLineView>> {
    let staff = state.staff()?;
    let lines = state.store()?.count_sheet(&staff, &category)?;
    Ok(lines.iter().map(CountSheetLineView::from).collect())
}

#[tauri::command]
pub async fn post_stock_take(
    state: State<'_, AppState>,
    category: String,
    counts: Vec<CountLineInput>,
) -> ApiResult<StockTakeView> {
    let staff = state.staff()?;
    let counts = counts
        .iter()
        .map(CountLineInput::to_core)
        .collect::<Result<Vec<_>, _>>()?;
    let take = state.store()?.post_stock_take(&staff, &category, &counts)?;
    Ok((&take).into())
}

/// The product's latest moves, newest first.
#[tauri::command]
pub async fn stock_history(
    state: State<'_, AppState>,
    product_id: String,
) -> ApiResult<Vec<StockMoveView>> {
    let staff = state.staff()?;
    let moves = state
        .store()?
        .stock_history(&staff, product_id.parse()?, 200)?;
    Ok(moves.iter().map(StockMoveView::from).collect())
}
