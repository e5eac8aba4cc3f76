// The only module that talks to the desktop shell. Each function is one Tauri command of
// docs/ui-contract.md; every rejection is normalised into an `ApiError` (see errors.ts).
// In a plain browser (`npm run dev`, screenshots) there is no Tauri runtime, so calls go to
// the in-memory mock in mock.ts, loaded lazily so the desktop app never runs it.
import { invoke, type InvokeOptions } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  ApiError, AppInfo, DemoPinView, MemberHit, MemberInput, MemberView, OwnerInput, SeedProgress, Session, StaffBrief,
} from "./bindings";
import type {
  ApprovalGranted, ApprovalInput, CountedInput, MemberBalancesView, PrintResult, PrinterSettingsView, SaleDone,
  SaleSummaryView, SaleView, ZReportView,
} from "./bindings";
import type {
  CheckoutSettingsView, FreeServiceAllowanceView, Tier, TierChangeView, TierProgressView, TierRuleView, TierRulesSavedView,
} from "./bindings";
import { toApiError } from "./errors";

type Args = Record<string, unknown>;
type Unlisten = () => void;

export function hasTauriRuntime(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let mockModule: Promise<typeof import("./mock")> | null = null;
function mock() {
  mockModule ??= import("./mock");
  return mockModule;
}

const sessionLostHandlers = new Set<() => void>();

/** Called whenever any command answers `not_logged_in` (e.g. the session ended elsewhere). */
export function onSessionLost(handler: () => void): Unlisten {
  sessionLostHandlers.add(handler);
  return () => sessionLostHandlers.delete(handler);
}

/**
 * One command call; exported for the per-part command modules (commands-<part>.ts). `args` may
 * be raw bytes (a file's), sent as the request's body, with `options.headers` beside them.
 */
export async function call<T>(command: string, args?: Args | Uint8Array, options?: InvokeOptions): Promise<T> {
  try {
    if (hasTauriRuntime()) return await invoke<T>(command, args, options);
    return (await (await mock()).mockInvoke(command, args instanceof Uint8Array ? {} : args ?? {})) as T;
  } catch (reason) {
    const error: ApiError = toApiError(reason);
    if (error.code === "not_logged_in") sessionLostHandlers.forEach((h) => h());
    throw error;
  }
}

/** Listens to a backend event (progress); exported for the per-part command modules. */
export async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  if (hasTauriRuntime()) return listen<T>(event, (e) => handler(e.payload));
  return (await mock()).mockListen(event, (payload) => handler(payload as T));
}

export const appInfo = () => call<AppInfo>("app_info");
// docs/ui-contract.md gives `{ name, pin }`; the shell's command takes `input: OwnerInput`.
// Tauri ignores arguments a command does not declare, so both shapes are sent until they agree.
export const createOwner = (name: string, pin: string) => {
  const input: OwnerInput = { name, pin };
  return call<Session>("create_owner", { input });
};
export const loginStaffList = () => call<StaffBrief[]>("login_staff_list");
export const login = (staffId: string, pin: string) => call<Session>("login", { staffId, pin });
/** Sets a new PIN (the old one proves it is she) and logs her in (after `pin_change_required`). */
export const changePin = (staffId: string, oldPin: string, newPin: string) =>
  call<Session>("change_pin", { staffId, oldPin, newPin });
export const logout = () => call<null>("logout");
export const currentSession = () => call<Session | null>("current_session");

export const searchMembers = (query: string, limit: number) =>
  call<MemberHit[]>("search_members", { query, limit });
export const memberByCard = (memberNo: string) => call<MemberHit | null>("member_by_card", { memberNo });
export const getMember = (id: string) => call<MemberView>("get_member", { id });
export const registerMember = (input: MemberInput) => call<MemberView>("register_member", { input });
export const updateMember = (id: string, input: MemberInput) =>
  call<MemberView>("update_member", { id, input });
export const archiveMember = (id: string) => call<null>("archive_member", { id });
export const mergeMembers = (survivorId: string, mergedId: string) =>
  call<MemberView>("merge_members", { survivorId, mergedId });
export const listStaff = () => call<StaffBrief[]>("list_staff");

/**
 * Seeds demo members; `onProgress` receives the `seed-progress` events while it runs. Returns the
 * demo staff's random PINs: shown once, kept nowhere.
 */
export async function seedDemo(members: number, onProgress: (p: SeedProgress) => void): Promise<DemoPinView[]> {
  const unlisten = await subscribe<SeedProgress>("seed-progress", onProgress);
  try {
    return await call<DemoPinView[]>("seed_demo", { members });
  } finally {
    unlisten();
  }
}

// ---- Shift (班次) and Z report (日结报表). Money is integer fen; a pay-out is a negative amount.
export const currentShift = () => call<ZReportView | null>("current_shift");
export const openShift = (float: number) => call<ZReportView>("open_shift", { float });
/** A pay-out above the store's limit needs a `pay_out` approval token (else `approval_required`). */
export const payInOut = (amount: number, reason: string, approval: string | null = null) =>
  call<null>("pay_in_out", { amount, reason, approval });
export const openDrawer = (reason: string) => call<null>("open_drawer", { reason });
export const closeShift = (counted: CountedInput[]) => call<ZReportView>("close_shift", { counted });
export const zReport = (shiftId: string) => call<ZReportView>("z_report", { shiftId });

// ---- Sales already written: history, refunds and voids, receipts, the printer.
export const recentSales = (memberId: string | null, limit: number) =>
  call<SaleSummaryView[]>("recent_sales", { memberId, limit });
export const getSale = (id: string) => call<SaleView>("get_sale", { id });
export const saleByReceiptNo = (receiptNo: string) => call<SaleView>("sale_by_receipt_no", { receiptNo });
/** `lineIds` null refunds every line not yet refunded; `void` cancels the whole sale. */
/** `approval`: a manager's token for `refund` (or `void`); null when she may do it herself. */
export const refundSale = (saleId: string, lineIds: string[] | null, isVoid: boolean, approval: string | null) =>
  call<SaleDone>("refund_sale", { saleId, lineIds, void: isVoid, approval });
export const receiptText = (saleId: string, lang: string, reprint: boolean) =>
  call<string>("receipt_text", { saleId, lang, reprint });
export const printReceipt = (saleId: string, reprint: boolean) =>
  call<PrintResult>("print_receipt", { saleId, reprint });
/** Checks a manager's PIN for one permission; answers a single-use token for that action. */
export const approveAction = (approval: ApprovalInput) => call<ApprovalGranted>("approve_action", { approval });
export const memberBalances = (memberId: string) => call<MemberBalancesView>("member_balances", { memberId });
export const printerSettings = () => call<PrinterSettingsView>("printer_settings");
export const savePrinterSettings = (input: PrinterSettingsView) =>
  call<PrinterSettingsView>("save_printer_settings", { input });

// ---- Checkout (收银): the grid, a scanned barcode, the cart's quote, the sale.
import type { CartInput, Catalog, CatalogItem, QuoteView, TenderInput } from "./bindings";

export const catalog = (query: string) => call<Catalog>("catalog", { query });
/** A scanned barcode: the product, or null when no product has it. */
export const productByBarcode = (barcode: string) => call<CatalogItem | null>("product_by_barcode", { barcode });
/** Prices the cart as completing it would, without writing; the same errors as the sale. */
export const quoteCart = (cart: CartInput) => call<QuoteView>("quote_cart", { cart });
/** With `appointmentId`, the shell completes that appointment right after the sale. */
/** `approvals`: managers' tokens for a manual discount and typed prices (none if she may herself). */
export const completeSale = (cart: CartInput, tenders: TenderInput[], approvals: string[], appointmentId?: string | null) =>
  call<SaleDone>("complete_sale", appointmentId ? { cart, tenders, approvals, appointmentId } : { cart, tenders, approvals });

// ---- Tiers set by hand, the owner's store settings, the Z report on the receipt printer.
export const setMemberTier = (memberId: string, tier: Tier, reason: string) =>
  call<null>("set_member_tier", { memberId, tier, reason });
export const tierHistory = (memberId: string) => call<TierChangeView[]>("tier_history", { memberId });
// The tiers back-office section: saving re-evaluates every member (the count comes back).
export const tierRules = () => call<TierRuleView[]>("tier_rules");
export const saveTierRules = (rules: TierRuleView[]) => call<TierRulesSavedView>("save_tier_rules", { rules });
export const tierProgress = (memberId: string) => call<TierProgressView>("tier_progress", { memberId });
export const freeServiceAllowances = (memberId: string) =>
  call<FreeServiceAllowanceView[]>("free_service_allowances", { memberId });
export const checkoutSettings = () => call<CheckoutSettingsView>("checkout_settings");
export const saveCheckoutSettings = (input: CheckoutSettingsView) =>
  call<CheckoutSettingsView>("save_checkout_settings", { input });
export const zReportText = (shiftId: string, lang: string) => call<string>("z_report_text", { shiftId, lang });
export const printZReport = (shiftId: string) => call<PrintResult>("print_z_report", { shiftId });

// ---- Appointments (预约): the day and week, booking, moving, statuses, reminders, .ics.
import type {
  AppointmentCartView, AppointmentStatus, AppointmentView, BookingInputDto, BookingServiceView, DayViewDto,
  HistoryEntryView, MessageView, ReminderRunView, ReminderSettingsView, RoomInput, RoomView, SuggestionView,
  WeekViewDto, WorkingHoursView,
} from "./bindings";

export const dayView = (date: string) => call<DayViewDto>("day_view", { date });
export const weekView = (staffId: string, weekStart: string) => call<WeekViewDto>("week_view", { staffId, weekStart });
export const getAppointment = (id: string) => call<AppointmentView>("get_appointment", { id });
export const bookAppointment = (input: BookingInputDto) => call<AppointmentView>("book_appointment", { input });
export const moveAppointment = (id: string, start: string, staffId: string | null, roomId: string | null, allowOutsideHours: boolean) =>
  call<AppointmentView>("move_appointment", { id, start, staffId, roomId, allowOutsideHours });
export const resizeAppointment = (id: string, end: string, allowOutsideHours: boolean) =>
  call<AppointmentView>("resize_appointment", { id, end, allowOutsideHours });
export const setAppointmentStatus = (id: string, status: AppointmentStatus, reason: string | null) =>
  call<AppointmentView>("set_appointment_status", { id, status, reason });
export const appointmentHistory = (id: string) => call<HistoryEntryView[]>("appointment_history", { id });
export const suggestBeautician = (memberId: string) => call<SuggestionView | null>("suggest_beautician", { memberId });
export const memberNoShows = (memberId: string) => call<number>("member_no_shows", { memberId });
export const appointmentCart = (id: string) => call<AppointmentCartView>("appointment_cart", { id });
export const workingHours = (staffId: string) => call<WorkingHoursView>("working_hours", { staffId });
export const saveWorkingHours = (input: WorkingHoursView) => call<WorkingHoursView>("save_working_hours", { input });
export const listRooms = () => call<RoomView[]>("list_rooms");
export const addRoom = (input: RoomInput) => call<RoomView>("add_room", { input });
export const bookingServices = () => call<BookingServiceView[]>("booking_services");
export const pendingMessages = () => call<MessageView[]>("pending_messages");
export const markMessageSent = (id: string) => call<null>("mark_message_sent", { id });
export const reminderSettings = () => call<ReminderSettingsView>("reminder_settings");
export const saveReminderSettings = (input: ReminderSettingsView) =>
  call<ReminderSettingsView>("save_reminder_settings", { input });
export const runReminders = () => call<ReminderRunView>("run_reminders");
export const exportIcs = (staffId: string, from: string, to: string) => call<string>("export_ics", { staffId, from, to });

// ---- Sync with the chain's server (同步): status, enrolment, sync now, refused operations, conflicts.
import type { ConflictView, RejectedOpView, SyncStatusView } from "./bindings";

export const syncStatus = () => call<SyncStatusView>("sync_status");
/** Owner or manager; `sync_unreachable` / `enrolment_refused` / `validation` (field) on failure. */
export const enrolDevice = (serverUrl: string, code: string, deviceName: string) =>
  call<SyncStatusView>("enrol_device", { serverUrl, code, deviceName });
/** Syncs at once; answers the status after that round. */
export const syncNow = () => call<SyncStatusView>("sync_now");
export const rejectedOps = () => call<RejectedOpView[]>("rejected_ops");
/** Owner or manager: sends a set-aside operation again (to the end of the outbox), then syncs. */
export const retrySetAside = (opId: string) => call<SyncStatusView>("retry_set_aside", { opId });
/** Owner or manager: discards a set-aside operation for good (audited). */
export const discardSetAside = (opId: string) => call<SyncStatusView>("discard_set_aside", { opId });
export const syncConflicts = (openOnly: boolean) => call<ConflictView[]>("sync_conflicts", { openOnly });
export const resolveConflict = (id: string, resolution: string) => call<null>("resolve_conflict", { id, resolution });
/** The `sync-status` event: every change of the status while the device syncs. */
export const onSyncStatus = (handler: (s: SyncStatusView) => void) => subscribe<SyncStatusView>("sync-status", handler);
