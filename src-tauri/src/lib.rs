//! The SalonDesk desktop shell: opens the store in the OS's app data folder
//! (or `SALONDESK_DB`), holds who is logged in, and exposes thin commands over
//! the core. Layout: `commands/` (one file per use case), `dto/` (wire types,
//! TypeScript generated from them by `bindings.rs`), `error.rs`, `state.rs`.

mod bindings;
mod commands;
mod dto;
mod error;
mod jobs;
mod reminder_sender;
mod state;
mod store_open;
mod sync_task;
mod updates;

use state::AppState;
use std::path::PathBuf;
use tauri::Manager;

/// Where the database lives: `SALONDESK_DB` if set (tests, a second store on
/// one machine), else `salondesk.sqlite3` in the OS's app data folder.
fn db_path(app: &tauri::App) -> PathBuf {
    if let Some(p) = std::env::var_os("SALONDESK_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    app.path()
        .app_data_dir()
        .unwrap_or_else(|_| PathBuf::from("."))
        .join("salondesk.sqlite3")
}

pub fn run() {
    tauri::Builder::default()
        // Checks run from `updates::start`, never from the page (README "Updates").
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(|app| {
            let path = db_path(app);
            // A store that cannot open (a newer database, a broken disk) still
            // lets the window open and say why.
            let store = store_open::open_store(&path);
            if let Err(e) = &store {
                eprintln!("SalonDesk could not open its database: {}", e.message);
            }
            app.manage(AppState::new(store, path));
            app.manage(commands::import::ImportStage::default());
            app.manage(salondesk_core::chain::OwnerKeys::from_env());
            reminder_sender::start(app.handle().clone());
            jobs::start(app.handle());
            sync_task::start(app.handle());
            app.manage(salondesk_core::updates::SaleGate::default());
            app.manage(updates::Updates::default());
            updates::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::import::import_stage,
            commands::import::import_preview,
            commands::import::import_dry_run,
            commands::import::import_run,
            commands::import::import_refusals_file,
            commands::backups::backup_status,
            commands::backups::save_backup_settings,
            commands::backups::back_up_now,
            commands::backups::list_backups,
            commands::backups::restore_preview,
            commands::backups::restore_backup,
            commands::new_pc::new_pc_restore_preview,
            commands::new_pc::new_pc_restore,
            commands::records::audit_actions,
            commands::records::audit_log,
            commands::records::export_audit_log,
            commands::exports::export_data,
            commands::reports::report,
            commands::reports::report_stores,
            commands::chain::chain_console,
            commands::chain::chain_connect,
            commands::chain::chain_forget_key,
            commands::chain::chain_stores,
            commands::chain::chain_add_store,
            commands::chain::chain_enrolment_code,
            commands::chain::chain_tills,
            commands::chain::chain_revoke_till,
            commands::reports::export_report,
            commands::segments::segment_count,
            commands::segments::segment_page,
            commands::segments::saved_segments,
            commands::segments::save_segment,
            commands::segments::remove_segment,
            commands::segments::export_segment,
            commands::segments::rfm_thresholds,
            commands::segments::save_rfm_thresholds,
            commands::segments::member_rfm,
            commands::records::closed_shifts,
            commands::records::sales_list,
            commands::records::sales_totals,
            commands::app::app_info,
            commands::updates::update_status,
            commands::updates::sale_cart_changed,
            commands::updates::install_update,
            commands::crypt::crypt_status,
            commands::crypt::crypt_unlock,
            commands::crypt::crypt_encrypt,
            commands::crypt::crypt_set_passphrase,
            commands::desk::boot_info,
            commands::app::seed_demo,
            commands::staff::create_owner,
            commands::staff::login_staff_list,
            commands::staff::login,
            commands::staff::change_pin,
            commands::staff::logout,
            commands::staff::current_session,
            commands::staff::list_staff,
            commands::staff_admin::staff_admin_list,
            commands::staff_admin::add_staff_member,
            commands::staff_admin::edit_staff,
            commands::staff_admin::set_staff_active,
            commands::staff_admin::reset_staff_pin,
            commands::staff_admin::setup_progress,
            commands::staff_admin::time_zones,
            commands::members::search_members,
            commands::members::member_by_card,
            commands::members::get_member,
            commands::members::register_member,
            commands::members::update_member,
            commands::members::archive_member,
            commands::members::merge_members,
            commands::feedback::feedback_form,
            commands::feedback::record_feedback,
            commands::feedback::member_feedback,
            commands::feedback::record_complaint,
            commands::feedback::handle_complaint,
            commands::feedback::complaints,
            commands::feedback::complaint_detail,
            commands::feedback::member_open_complaints,
            commands::feedback::points_history,
            commands::feedback::adjust_points,
            commands::feedback::exchange_items,
            commands::feedback::save_exchange_item,
            commands::feedback::exchange_points,
            commands::privacy::consent_history,
            commands::privacy::set_marketing_consent,
            commands::privacy::export_member_data,
            commands::privacy::erase_member,
            commands::care::care_list,
            commands::care::care_open_count,
            commands::care::care_complete,
            commands::care::care_snooze,
            commands::care::care_reassign,
            commands::care::care_send_message,
            commands::care::care_settings,
            commands::care::save_care_settings,
            commands::care::care_run_daily,
            commands::checkout::catalog,
            commands::checkout::product_by_barcode,
            commands::checkout::member_balances,
            commands::checkout::quote_cart,
            commands::checkout::complete_sale,
            commands::checkout::set_member_tier,
            commands::checkout::tier_history,
            commands::receipts::recent_sales,
            commands::receipts::get_sale,
            commands::receipts::sale_by_receipt_no,
            commands::receipts::refund_sale,
            commands::receipts::receipt_text,
            commands::receipts::print_receipt,
            commands::receipts::printer_settings,
            commands::receipts::save_printer_settings,
            commands::shift::current_shift,
            commands::shift::open_shift,
            commands::shift::pay_in_out,
            commands::shift::open_drawer,
            commands::shift::close_shift,
            commands::shift::z_report,
            commands::shift::z_report_text,
            commands::shift::print_z_report,
            commands::tiers::tier_rules,
            commands::tiers::save_tier_rules,
            commands::tiers::tier_progress,
            commands::tiers::free_service_allowances,
            commands::store_settings::checkout_settings,
            commands::store_settings::save_checkout_settings,
            commands::appointments::day_view,
            commands::appointments::week_view,
            commands::appointments::get_appointment,
            commands::appointments::book_appointment,
            commands::appointments::move_appointment,
            commands::appointments::resize_appointment,
            commands::appointments::set_appointment_status,
            commands::appointments::appointment_history,
            commands::appointments::suggest_beautician,
            commands::appointments::member_no_shows,
            commands::appointments::appointment_cart,
            commands::appointments::complete_appointment_after_sale,
            commands::appointments::working_hours,
            commands::appointments::save_working_hours,
            commands::appointments::list_rooms,
            commands::appointments::add_room,
            commands::appointments::booking_services,
            commands::appointments::set_service_resource_kind,
            commands::appointments::pending_messages,
            commands::appointments::mark_message_sent,
            commands::appointments::reminder_settings,
            commands::appointments::save_reminder_settings,
            commands::appointments::run_reminders,
            commands::appointments::export_ics,
            commands::sync::sync_status,
            commands::sync::enrol_device,
            commands::sync::sync_now,
            commands::sync::rejected_ops,
            commands::sync::retry_set_aside,
            commands::sync::discard_set_aside,
            commands::sync::sync_conflicts,
            commands::sync::resolve_conflict,
            commands::stock::stock_on_hand,
            commands::stock::stock_categories,
            commands::stock::low_stock_count,
            commands::stock::receive_goods,
            commands::stock::adjust_stock,
            commands::stock::count_sheet,
            commands::stock::post_stock_take,
            commands::stock::stock_history,
            commands::schedule::all_rooms,
            commands::schedule::update_room,
            commands::schedule::set_room_active,
            commands::schedule::days_off,
            commands::schedule::add_day_off,
            commands::schedule::remove_day_off,
            commands::catalog::admin_services,
            commands::catalog::save_service,
            commands::catalog::set_service_active,
            commands::catalog::move_service,
            commands::catalog::admin_products,
            commands::catalog::save_product,
            commands::catalog::set_product_active,
            commands::catalog::move_product,
            commands::catalog::price_history,
            commands::plans::admin_top_up_plans,
            commands::plans::save_top_up_plan,
            commands::plans::set_top_up_plan_active,
            commands::plans::admin_package_plans,
            commands::plans::save_package_plan,
            commands::plans::set_package_plan_active,
            commands::plans::admin_coupons,
            commands::plans::save_coupon,
            commands::plans::set_coupon_active,
            commands::campaigns::campaigns,
            commands::campaigns::save_campaign,
            commands::campaigns::campaign_audience,
            commands::campaigns::issue_campaign,
            commands::campaigns::campaign_results,
            commands::campaigns::member_coupons,
            commands::perms::permission_matrix,
            commands::perms::approve_action,
            commands::perms::reveal_member_notes,
        ])
        .run(tauri::generate_context!())
        .expect("error while running SalonDesk");
}
