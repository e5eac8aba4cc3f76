// Generated from the Rust wire types (src-tauri/src/dto) by ts-rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p salondesk bindings` to regenerate.

export type ErrorCode = "validation" | "duplicate_phone" | "duplicate_member_no" | "not_found" | "wrong_pin" | "locked_out" | "pin_too_short" | "pin_change_required" | "demo_refused" | "not_logged_in" | "free_service_refused" | "forbidden" | "sale_open" | "coupon_refused" | "staff_refused" | "conflict" | "outside_hours" | "database_newer" | "database_in_use" | "wrong_key" | "wrong_passphrase" | "database_locked" | "approval_required" | "approval_invalid" | "head_office_only" | "chain_refused" | "amount_too_large" | "export_failed" | "backup_failed" | "restore_refused" | "sync_unreachable" | "enrolment_refused" | "internal";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The input field the error is about (camelCase), for validation errors.
 */
field: string | null, 
/**
 * The member who already has the phone, for `duplicate_phone`.
 */
memberId: string | null, 
/**
 * Why, in a word the UI translates (`demo_refused`: `enrolled`, `has_sales`;
 * `staff_refused`: `last_owner`, `own_record`, `duplicate_name`, `has_appointments`;
 * `pin_change_required`: `pin_reset` after a manager reset her PIN).
 */
reason?: string, 
/**
 * The fewest digits a PIN needs (`pin_too_short`, `pin_change_required`).
 */
minDigits?: number, 
/**
 * Minutes, as data the UI words itself (`locked_out`: minutes left in the lock-out).
 */
minutes?: number, };

export type Role = "owner" | "manager" | "cashier" | "beautician";

export type Permission = "sell" | "register_member" | "edit_member" | "refund" | "void" | "manual_discount" | "price_override" | "pay_out" | "see_full_phone" | "see_sensitive_notes" | "archive_member" | "merge_members" | "export" | "view_records" | "edit_catalog" | "manage_stock" | "manage_schedule" | "edit_tier_rules" | "manage_staff" | "edit_store_settings" | "load_demo_data" | "enrol_till" | "resolve_conflicts" | "import_data" | "manage_backups" | "restore" | "member_data_requests" | "work_care_tasks" | "manage_care" | "record_feedback" | "handle_complaints" | "manage_campaigns" | "adjust_points" | "view_reports" | "manage_chain";

export type Tier = "standard" | "silver" | "gold" | "platinum";

export type Gender = "female" | "male" | "other";

export type SkinType = "dry" | "oily" | "combination" | "sensitive" | "normal";

export type MatchKind = "member_no" | "phone" | "phone_suffix" | "name" | "pinyin" | "initials";

export type StaffBrief = { id: string, name: string, role: Role, };

export type Session = { staff: StaffBrief, canSeeFullPhone: boolean, 
/**
 * May archive and merge members and load demo data.
 */
canManage: boolean, 
/**
 * Every permission her role holds (the core's matrix, `Role::may`): the
 * UI shows what she may do; the core refuses the rest anyway.
 */
permissions: Array<Permission>, };

export type OwnerInput = { name: string, pin: string, };

export type AppInfo = { version: string, dbPath: string, dataDir: string, hasOwner: boolean, systemLocale: string, memberCount: number, deviceId: string, pendingOps: number, };

export type BootInfo = { hasOwner: boolean, };

export type ReadyUpdateView = { version: string, 
/**
 * The operator's release notes, as published (may be empty).
 */
notes: string, };

export type UpdateStatusView = { 
/**
 * This app's version.
 */
currentVersion: string, 
/**
 * A newer version, downloaded and its signature checked: the cashier installs it when she
 * agrees ("install at closing?").
 */
ready: ReadyUpdateView | null, 
/**
 * When the chain's server was last asked (ISO-8601, UTC), if ever in this run.
 */
checkedAt: string | null, 
/**
 * Why the last check did not happen or failed, as a word the UI translates:
 * `not_enrolled`, `not_https`, `sale_open`, `offline`, `bad_signature`, `failed`.
 */
problem: string | null, };

export type SeedProgress = { done: number, total: number, };

export type CryptStatusView = { 
/**
 * The file is SQLCipher-encrypted.
 */
encrypted: boolean, 
/**
 * Where the key is kept: `credential_store`, `passphrase` (no credential
 * store: every start asks it) or `not_yet_saved` (a new store whose owner
 * has not set her passphrase).
 */
keyPlace: string, 
/**
 * The credential store of this OS: `secret_service`, `credential_manager`,
 * `keychain`, or `none`.
 */
keyStore: string, 
/**
 * The owner's passphrase wraps the key (the recovery is there).
 */
passphraseSet: boolean, };

export type CryptProgress = { 
/**
 * `copying`, `verifying`, `replacing`, `done`.
 */
phase: string, done: number, total: number, };

export type DemoPinView = { name: string, role: Role, pin: string, };

export type MemberHit = { id: string, memberNo: string, name: string, phone: string, tier: Tier, lastVisitAt: string | null, matched: MatchKind, exact: boolean, };

export type MemberView = { id: string, memberNo: string, name: string, phone: string, gender: Gender | null, birthday: string | null, region: string, skinType: SkinType | null, allergies: string, preferredStaffId: string | null, preferredStaffName: string | null, notes: string, tags: Array<string>, consentMarketing: boolean, source: string, referrerId: string | null, referrerName: string | null, tier: Tier, archived: boolean, 
/**
 * Erased on request: an anonymous record; the profile offers nothing to edit.
 */
erased: boolean, registeredAt: string, lastVisitAt: string | null, visitCount: number, 
/**
 * Skin type, allergies and notes were withheld from this staff member
 * (PIPL): they are empty here; `reveal_member_notes` shows them, audited.
 */
sensitiveHidden: boolean, };

export type MemberInput = { name: string, 
/**
 * Required to register; null on an edit keeps the current phone.
 */
phone: string | null, 
/**
 * Null or blank generates a member number.
 */
memberNo: string | null, gender: Gender | null, birthday: string | null, region: string, skinType: SkinType | null, allergies: string, preferredStaffId: string | null, notes: string, tags: Array<string>, consentMarketing: boolean, source: string, referrerId: string | null, };

export type LineKind = "service" | "product" | "package_purchase" | "top_up" | "package_redemption";

export type CatalogItem = { kind: LineKind, id: string, name: string, 
/**
 * Services and products: the English name, when the catalog has one.
 */
nameEn?: string, 
/**
 * Service category; "" for the rest.
 */
category: string, price: number, 
/**
 * Products: what is on the shelf.
 */
stock: number | null, barcode: string | null, 
/**
 * Top-ups: the bonus in fen.
 */
bonus: number | null, 
/**
 * Packages: how many sessions, valid for how many days.
 */
sessions: number | null, validDays: number | null, 
/**
 * Services: minutes.
 */
durationMin: number | null, };

export type Catalog = { services: Array<CatalogItem>, products: Array<CatalogItem>, topUps: Array<CatalogItem>, packages: Array<CatalogItem>, };

export type StaffShare = { staffId: string, shareBp: number, };

export type CartLineInput = { kind: LineKind, 
/**
 * The service, product, top-up plan, package plan, or (to redeem a
 * session) the member's package.
 */
itemId: string, qty: number, staff: Array<StaffShare>, 
/**
 * A unit price typed over the list price (needs a manager's PIN).
 */
priceOverride: number | null, 
/**
 * A service line that is one of her tier's free services (免费护理).
 */
freeService?: boolean, };

export type CartInput = { memberId: string | null, lines: Array<CartLineInput>, coupon: string | null, 
/**
 * Money off the whole sale (needs a manager's PIN).
 */
manualDiscount: number, };

export type ApprovalInput = { managerId: string, pin: string, permission: Permission, };

export type ApprovalGranted = { token: string, permission: Permission, approver: StaffBrief, expiresInSeconds: number, };

export type QuoteLineView = { kind: LineKind, itemId: string, name: string, qty: number, unitPrice: number, overridden: boolean, 
/**
 * Every discount on the line, the campaign's member price included.
 */
discount: number, 
/**
 * Of it, what a campaign's member price took off.
 */
campaignDiscount: number, amount: number, };

export type QuoteView = { lines: Array<QuoteLineView>, subtotal: number, 
/**
 * What her campaigns' member prices took off.
 */
campaignDiscount: number, tierDiscount: number, couponDiscount: number, manualDiscount: number, total: number, topUpTotal: number, pointValueFen: number, pointsToEarn: number, };

export type TenderInput = { "kind": "cash", amount: number, } | { "kind": "bank_card", amount: number, reference: string, last4: string, } | { "kind": "wechat_pay", amount: number, reference: string, } | { "kind": "alipay", amount: number, reference: string, } | { "kind": "stored_value", amount: number, } | { "kind": "points", points: number, };

export type PrintResult = { ok: boolean, 
/**
 * Where the bytes went (a device or a file).
 */
target: string | null, error: string | null, };

export type SaleDone = { saleId: string, receiptNo: string, total: number, change: number, pointsEarned: number, 
/**
 * Null when no printer is set up or auto-print is off.
 */
print: PrintResult | null, };

export type SaleLineView = { id: string, kind: string, name: string, qty: number, unitPrice: number, discount: number, amount: number, staff: Array<string>, refunded: boolean, };

export type SaleTenderView = { kind: string, amount: number, reference: string | null, cardLast4: string | null, points: number | null, };

export type SaleView = { id: string, receiptNo: string, 
/**
 * "sale", "refund" or "void".
 */
kind: string, originalReceiptNo: string | null, 
/**
 * The shift it was written in: only a sale of the open shift can be voided.
 */
shiftId: string | null, memberId: string | null, memberName: string | null, memberTier: Tier | null, cashierName: string, createdAt: string, subtotal: number, discountTotal: number, total: number, change: number, pointsEarned: number, lines: Array<SaleLineView>, tenders: Array<SaleTenderView>, };

export type SaleSummaryView = { id: string, receiptNo: string, kind: string, memberName: string | null, total: number, createdAt: string, fullyRefunded: boolean, };

export type PackageView = { packageId: string, serviceId: string, name: string, sessionsLeft: number, expiresOn: string, };

export type MemberBalancesView = { points: number, storedValue: number, 
/**
 * Packages with sessions left, soonest to expire first.
 */
packages: Array<PackageView>, };

export type PrinterSettingsView = { 
/**
 * A device (/dev/usb/lp0), a file, or a folder (one file per receipt); empty: none.
 */
path: string, 
/**
 * 58 or 80.
 */
paperMm: number, 
/**
 * "zh-CN" or "en".
 */
lang: string, autoPrint: boolean, };

export type TierChangeView = { from: Tier, to: Tier, reason: string, createdAt: string, };

export type TenderTotalView = { kind: string, expected: number, counted: number | null, difference: number | null, };

export type ZReportView = { shiftId: string, openedAt: string, closedAt: string | null, openedBy: string, float: number, sales: number, refunds: number, salesTotal: number, refundsTotal: number, discountsTotal: number, payIns: number, payOuts: number, 
/**
 * Per payment method; cash expected includes the float and pay-ins/outs.
 */
tenders: Array<TenderTotalView>, };

export type CountedInput = { kind: string, amount: number, };

export type TierMode = "spend" | "run" | "both" | "either";

export type Period = "month" | "quarter" | "year";

export type FreeServiceView = { serviceId: string, count: number, period: Period, };

export type TierRuleView = { tier: Tier, 
/**
 * Basis points off: 1000 = 10% off (九折).
 */
discountBp: number, 
/**
 * 150 = 1.5× points.
 */
pointsMultiplierPct: number, 
/**
 * How many days ahead the tier may book.
 */
bookingDays: number, 
/**
 * How spend and the run of months combine.
 */
mode: TierMode, 
/**
 * Fen of cumulative spend the tier asks; null: no spend part.
 */
minCumulativeSpend: number | null, 
/**
 * Fen a month for `consecutiveMonths` months in a row; null: no run part.
 */
minMonthlySpend: number | null, consecutiveMonths: number | null, 
/**
 * The birthday offer: points multiplier in her birthday month (200 = 2×);
 * null: the store's birthday multiplier.
 */
birthdayMultiplierPct: number | null, freeServices: Array<FreeServiceView>, };

export type TierRulesSavedView = { rules: Array<TierRuleView>, movedUp: number, downAtReview: number, };

export type TierRuleProgressView = { tier: Tier, mode: TierMode, 
/**
 * Her cumulative spend, and what the rule asks (None: no spend part).
 */
spend: number, spendTarget: number | null, spendMet: boolean, 
/**
 * Months in a row at the monthly minimum, counted back from this month
 * (or from last month while this one is not there yet: the month in
 * progress is not held against her), at most `months_target`.
 */
months: number, monthsTarget: number | null, monthlyTarget: number | null, runMet: boolean, 
/**
 * The rule as a whole, as its mode combines the parts.
 */
met: boolean, };

export type TierProgressView = { 
/**
 * Her tier now (set by hand, it may be above what her spending earns).
 */
tier: Tier, 
/**
 * The month judged ("2026-11": this business month).
 */
month: string, 
/**
 * Against her own tier's rule (None for 普通, which asks nothing).
 */
current: TierRuleProgressView | null, 
/**
 * Against the tier above hers (None at the top).
 */
next: TierRuleProgressView | null, };

export type FreeServiceAllowanceView = { serviceId: string, serviceName: string, period: Period, 
/**
 * The period it is counted in now ("2026-Q4").
 */
periodKey: string, count: number, used: number, left: number, };

export type CheckoutSettingsView = { 
/**
 * What one point is worth when paying with points, in fen.
 */
pointValueFen: number, 
/**
 * Points earned per yuan before the tier multiplier.
 */
pointsPerYuan: number, 
/**
 * Extra multiplier in the member's birthday month, as a percentage (200 = double).
 */
birthdayMultiplierPct: number, 
/**
 * Points a member earns when someone she referred registers.
 */
referralPoints: number, 
/**
 * Points expire at the end of the year after they were earned, plus this many years.
 */
pointsExpiryYears: number, 
/**
 * The store's offset from UTC in minutes (China: +480); business dates use it.
 * Saving with a `time_zone` of `TIME_ZONES` sets it from the zone.
 */
utcOffsetMinutes: number, 
/**
 * The zone the owner chose (`Asia/Shanghai`); empty: set before zones
 * were offered, only the offset is known.
 */
timeZone: string, storeName: string, storeAddress: string, storePhone: string, 
/**
 * Printed under the store's name, address and phone (a slogan, the
 * opening hours, a WeChat account); empty: nothing.
 */
receiptHeader: string, receiptFooter: string, 
/**
 * Cash paid out of the drawer (outside a sale) above this needs a
 * manager's approval when a cashier pays it out, in fen (0: every pay-out).
 */
payOutApprovalFen: number, };

export type AppointmentStatus = "booked" | "confirmed" | "arrived" | "in_service" | "completed" | "cancelled" | "no_show";

export type ResourceKind = "bed" | "chair" | "room";

export type HistoryAction = "booked" | "status" | "moved" | "resized";

export type SuggestionReason = "preferred" | "most_served";

export type MessageLang = "zh-CN" | "en";

export type MessageStatus = "pending" | "sent" | "failed" | "cancelled";

export type AppointmentView = { id: string, 
/**
 * Null for a walk-in (散客).
 */
memberId: string | null, 
/**
 * The member's name, or the walk-in's.
 */
clientName: string, walkIn: boolean, 
/**
 * Masked unless the session may see full phones; null if none.
 */
phone: string | null, memberTier: Tier | null, serviceId: string, serviceName: string, staffId: string, staffName: string, roomId: string | null, roomName: string | null, 
/**
 * ISO-8601 UTC.
 */
start: string, end: string, 
/**
 * Minutes after the store's local midnight of the start's day (for the grid).
 */
startMin: number, endMin: number, status: AppointmentStatus, notes: string, cancelReason: string | null, 
/**
 * The sale that completed it, if any.
 */
saleId: string | null, createdBy: string, createdAt: string, };

export type DayHoursView = { startMin: number, endMin: number, };

export type StaffColumnView = { staffId: string, staffName: string, role: Role, 
/**
 * Her calendar colour (a word of the palette), if she has one.
 */
color: string | null, 
/**
 * Her hours that day; null when she is off or has no hours set.
 */
hours: DayHoursView | null, dayOff: boolean, 
/**
 * Every appointment starting that day, cancelled and no-show included.
 */
appointments: Array<AppointmentView>, };

export type RoomView = { id: string, name: string, kind: ResourceKind, capacity: number, };

export type RoomInput = { name: string, kind: ResourceKind, capacity: number, };

export type DayViewDto = { date: string, utcOffsetMinutes: number, columns: Array<StaffColumnView>, rooms: Array<RoomView>, };

export type WeekDayView = { date: string, hours: DayHoursView | null, dayOff: boolean, appointments: Array<AppointmentView>, };

export type WeekViewDto = { staffId: string, staffName: string, weekStart: string, utcOffsetMinutes: number, 
/**
 * Seven days from `weekStart`.
 */
days: Array<WeekDayView>, };

export type BookingInputDto = { memberId: string | null, walkInName: string | null, walkInPhone: string | null, serviceId: string, staffId: string, 
/**
 * Null picks a free room of the kind the service needs (if the store has any).
 */
roomId: string | null, 
/**
 * ISO-8601 with offset.
 */
start: string, 
/**
 * Null: the service's duration.
 */
end: string | null, notes: string, 
/**
 * Set after the desk confirmed booking outside working hours (`outside_hours`).
 */
allowOutsideHours: boolean, };

export type HistoryEntryView = { action: HistoryAction, fromStatus: AppointmentStatus | null, toStatus: AppointmentStatus, reason: string, 
/**
 * What moved: "2026-11-24 10:00–11:15 王芳 → 2026-11-24 14:00–15:15 李静".
 */
detail: string, staffId: string, staffName: string, at: string, };

export type SuggestionView = { staffId: string, staffName: string, reason: SuggestionReason, };

export type CreditedStaff = { staffId: string, shareBp: number, };

export type AppointmentCartLine = { kind: LineKind, itemId: string, qty: number, staff: Array<CreditedStaff>, priceOverride: number | null, name: string, 
/**
 * List price in fen.
 */
price: number, };

export type AppointmentCartView = { appointmentId: string, memberId: string | null, clientName: string, lines: Array<AppointmentCartLine>, };

export type WorkingHoursView = { staffId: string, 
/**
 * Seven entries, Monday to Sunday.
 */
week: Array<DayHoursView | null>, 
/**
 * `YYYY-MM-DD` store dates.
 */
daysOff: Array<string>, 
/**
 * False until a manager sets them: until then any time counts as working.
 */
configured: boolean, };

export type BookingServiceView = { id: string, name: string, category: string, durationMin: number, price: number, resourceKind: ResourceKind | null, };

export type MessageView = { id: string, 
/**
 * What it is about: an appointment's reminder, a care task's message,
 * a campaign's message (the panel labels each).
 */
kind: "appointment_reminder" | "care" | "campaign", appointmentId: string, 
/**
 * The appointment's start; for a care or campaign message, when it was queued.
 */
appointmentStart: string, recipientName: string, 
/**
 * Masked unless the session may see full phones.
 */
phone: string, lang: MessageLang, body: string, status: MessageStatus, attempts: number, lastError: string | null, sentAt: string | null, };

export type ReminderSettingsView = { webhookUrl: string, lang: MessageLang, };

export type ReminderRunView = { 
/**
 * Reminders newly put into the outbox.
 */
created: number, sent: number, failed: number, 
/**
 * Whether a webhook is configured; without one, messages wait to be sent by hand.
 */
senderConfigured: boolean, };

export type SyncProblem = "offline" | "unauthorized" | "rate_limited" | "server" | "local";

export type SyncErrorView = { problem: SyncProblem, 
/**
 * For people, as detail (never a URL or personal data).
 */
message: string, };

export type InitialSyncView = { cursor: number, head: number, };

export type EnrolmentView = { serverUrl: string, storeName: string, storeCode: string, deviceCode: string, enrolledAt: string, };

export type SyncStatusView = { 
/**
 * Null: this device works on its own (not enrolled).
 */
enrolment: EnrolmentView | null, 
/**
 * The server answered the last request.
 */
online: boolean, syncing: boolean, 
/**
 * Operations written here and not yet accepted by the server.
 */
pendingOps: number, lastSyncAt: string | null, lastError: SyncErrorView | null, 
/**
 * The server refused the credential: sync stopped until the device enrols again.
 */
credentialRefused: boolean, conflictsOpen: number, rejectedOps: number, initialSync: InitialSyncView | null, 
/**
 * When the next try after a failure is due.
 */
nextRetryAt: string | null, 
/**
 * This till's clock minus the server's, in whole minutes (positive:
 * ahead), when they are more than the allowed drift apart: the PC's date
 * and time need fixing. Null while they agree.
 */
clockSkewMinutes: number | null, };

export type RejectedOpView = { opId: string, 
/**
 * The kind of record (`member`, `sale`, …).
 */
entity: string, 
/**
 * Why it was set aside: the server's reason code (`bad_field`,
 * `forbidden`, …) or the till's own (`push_failed`, `payload_too_large`).
 */
code: string, 
/**
 * The server's words, for managers only (empty for other roles).
 */
message: string, createdAt: string, };

export type ConflictKind = "overdraft" | "double_booking" | "duplicate_phone" | "double_refund" | "double_coupon_use" | "other";

export type ConflictMemberView = { id: string, name: string, memberNo: string, 
/**
 * Masked unless the role may see whole phone numbers.
 */
phone: string, };

export type ConflictAppointmentView = { id: string, clientName: string, serviceName: string, start: string, end: string, };

export type ConflictStoreView = { id: string, 
/**
 * Its name when known (this store's, or the server's detail); else null.
 */
name: string | null, thisStore: boolean, };

export type ConflictTenderView = { 
/**
 * `cash`, `stored_value`, `wechat_pay`, … (a tender kind).
 */
kind: string, 
/**
 * Fen paid back (positive).
 */
amount: number, };

export type ConflictRefundView = { 
/**
 * The sale whose line was refunded twice (null if the server did not know it).
 */
originalReceiptNo: string | null, 
/**
 * The refunds' receipt numbers, the one that arrived last at the end.
 */
refundReceiptNos: Array<string>, 
/**
 * Fen paid back twice.
 */
amountTwice: number, 
/**
 * How the last refund paid back (all its lines, not only the doubled one).
 */
paidBack: Array<ConflictTenderView>, };

export type ConflictView = { id: string, kind: ConflictKind, entity: string, entityIds: Array<string>, stores: Array<ConflictStoreView>, members: Array<ConflictMemberView>, 
/**
 * Overdraft: `stored_value`, `points` or `package`.
 */
ledger: string | null, 
/**
 * Overdraft: how far below zero (fen for stored value, else points or sessions).
 */
belowZero: number | null, 
/**
 * Double booking: the beautician's name.
 */
beautician: string | null, appointments: Array<ConflictAppointmentView>, 
/**
 * Double refund: the receipts and the money paid back twice.
 */
refund: ConflictRefundView | null, detectedAt: string, resolvedAt: string | null, 
/**
 * Who resolved it (a name when known here).
 */
resolvedBy: string | null, resolution: string | null, };

export type AdjustReason = "damaged" | "used_in_service" | "count_correction" | "other";

export type StockRowView = { productId: string, name: string, sku: string, barcode: string | null, category: string, unit: string, onHand: number, 
/**
 * 0: never warned about.
 */
lowStock: number, low: boolean, };

export type ReceiptLineInput = { productId: string, qty: number, 
/**
 * Fen per unit.
 */
unitCost: number, };

export type ReceiptInputDto = { supplier: string, note: string, lines: Array<ReceiptLineInput>, };

export type AdjustInputDto = { productId: string, 
/**
 * Signed: units added or taken away.
 */
qty: number, reason: AdjustReason, note: string, };

export type CountSheetLineView = { productId: string, name: string, sku: string, unit: string, expected: number, };

export type CountLineInput = { productId: string, counted: number, };

export type StockTakeLineView = { productId: string, expected: number, counted: number, difference: number, };

export type StockTakeView = { id: string, category: string, createdAt: string, lines: Array<StockTakeLineView>, };

export type MoveRefKind = "receipt" | "stock_take" | "sale";

export type StockMoveView = { id: string, at: string, 
/**
 * receive, sale, refund or adjust.
 */
reason: string, adjustReason: AdjustReason | null, qty: number, onHandAfter: number, note: string, staffName: string | null, refKind: MoveRefKind | null, 
/**
 * The supplier, the category or the receipt number.
 */
refLabel: string | null, };

export type RoomAdminView = { id: string, name: string, kind: ResourceKind, capacity: number, 
/**
 * False: taken out of use (not bookable, kept for past appointments).
 */
active: boolean, };

export type RoomEditInput = { id: string, name: string, kind: ResourceKind, capacity: number, };

export type DayOffView = { 
/**
 * `YYYY-MM-DD`, a store date.
 */
date: string, reason: string, };

export type ServiceView = { id: string, category: string, name: string, nameEn: string | null, durationMin: number, price: number, resourceKind: ResourceKind | null, commissionBp: number, active: boolean, used: number, };

export type ServiceForm = { category: string, name: string, nameEn: string, durationMin: number, price: number, resourceKind: ResourceKind | null, commissionBp: number | null, };

export type ProductView = { id: string, sku: string, barcode: string | null, name: string, nameEn: string | null, category: string, unit: string, price: number, cost: number, lowStock: number, commissionBp: number, active: boolean, 
/**
 * On hand (the stock screens change it).
 */
stock: number, used: number, };

export type ProductForm = { sku: string, barcode: string, name: string, nameEn: string, category: string, unit: string, price: number, cost: number, lowStock: number, commissionBp: number | null, };

export type TopUpPlanView = { id: string, name: string, pay: number, bonus: number, active: boolean, used: number, };

export type TopUpPlanForm = { name: string, pay: number, bonus: number, };

export type PackagePlanView = { id: string, serviceId: string, name: string, sessions: number, price: number, validDays: number, active: boolean, used: number, };

export type ReportName = "sales" | "staff" | "members" | "campaigns" | "stock";

export type Granularity = "day" | "week" | "month";

export type Compare = "previous_period" | "last_year";

export type ReportQuery = { from: string, to: string, 
/**
 * One store; `None`: this till's own store. On a head-office device
 * `chain` reads every store instead.
 */
storeId: string | null, 
/**
 * The whole chain, stores side by side (head office only).
 */
chain: boolean, granularity: Granularity, };

export type ColumnKind = "text" | "code" | "date" | "month" | "count" | "money" | "percent" | "rating" | "store";

export type ReportColumn = { 
/**
 * The column's name: its header is `reports.col.<key>` on screen and in
 * the export's words.
 */
key: string, kind: ColumnKind, };

export type ReportValue = number | string | null;

export type ReportTable = { 
/**
 * The table's name within its report (`by_day`, `by_category` …): its
 * title is `reports.table.<id>`, its export sheet is named for it.
 */
id: string, columns: Array<ReportColumn>, rows: Array<Array<ReportValue>>, };

export type Kpi = { key: string, kind: ColumnKind, value: number, 
/**
 * The same figure over the previous period of the same length.
 */
previous: number | null, 
/**
 * The same figure over the same dates last year.
 */
lastYear: number | null, };

export type Report = { kpis: Array<Kpi>, tables: Array<ReportTable>, };

export type ChainStore = { id: string, name: string, 
/**
 * This till's own store.
 */
own: boolean, };

export type ChainConsoleView = { 
/**
 * Why not, when it cannot: `not_enrolled`, `not_head_office`.
 */
blocked: string | null, 
/**
 * Where the owner key is kept (`credential_store`, `session`); None: no key yet.
 */
keyPlace: string | null, 
/**
 * This device (it cannot revoke itself).
 */
deviceId: string, 
/**
 * This device's store.
 */
storeId: string | null, };

export type ChainStoreView = { id: string, name: string, code: string, createdAt: string, 
/**
 * Tills enrolled and not revoked.
 */
tills: number, };

export type ChainTillView = { id: string, storeId: string, code: string, name: string, headOffice: boolean, enrolledAt: string, 
/**
 * The later of its last push and its last pull: its last sync.
 */
lastSyncAt: string | null, 
/**
 * Operations it said it had waiting (None: it never said).
 */
waiting: number | null, 
/**
 * Entries of the chain's log it has not pulled yet.
 */
notPulled: number | null, appVersion: string | null, revokedAt: string | null, };

export type ChainCodeView = { code: string, expiresAt: string, qrSvg: string, };

export type ReportExportInput = { name: ReportName, query: ReportQuery, 
/**
 * One table (`by_period`; `commission_lines@<staff id>`: one staff
 * member's statement); none: every table of the report.
 */
tableId: string | null, format: ExportFormatInput, 
/**
 * The UI's language: headers and coded values are written in it.
 */
lang: string, };

export type ReportExportView = { files: Array<string>, rows: number, };

export type RfmClass = "high_value" | "medium_value" | "low_value" | "at_risk" | "lost";

export type SegmentFilter = { tiers: Array<Tier>, 
/**
 * Last visit on or after / on or before (store dates).
 */
lastVisitFrom: string | null, lastVisitTo: string | null, 
/**
 * Spend in the last 365 days, fen, inclusive.
 */
spendMin: number | null, spendMax: number | null, 
/**
 * Visits in all (members.visit_count), inclusive.
 */
visitsMin: number | null, visitsMax: number | null, 
/**
 * Age in whole years today, inclusive (members without a birthday never match).
 */
ageMin: number | null, ageMax: number | null, genders: Array<Gender>, regions: Array<string>, skinTypes: Array<SkinType>, 
/**
 * Any of these tags.
 */
tags: Array<string>, 
/**
 * Some(true): only members who gave marketing consent.
 */
consent: boolean | null, 
/**
 * 1..=12.
 */
birthdayMonth: number | null, rfm: Array<RfmClass>, };

export type OfferKind = "coupon" | "points" | "member_price";

export type CampaignStatusView = "draft" | "scheduled" | "issued";

export type CampaignForm = { name: string, segment: SegmentFilter, offerKind: OfferKind, 
/**
 * The back-office coupon each member gets a copy of (offer `coupon`).
 */
couponCode: string, 
/**
 * Points each member gets (offer `points`).
 */
points: number, 
/**
 * The services and their member price (offer `member_price`).
 */
memberPrices: Array<ServicePriceView>, messageZh: string, messageEn: string, controlPct: number, windowFrom: string, windowTo: string, issueOn: string, };

export type ServicePriceView = { serviceId: string, price: number, };

export type CampaignView = { id: string, form: CampaignForm, status: CampaignStatusView, issuedAt: string | null, };

export type AudienceView = { segment: number, control: number, reach: number, messages: number, };

export type CampaignProgress = { done: number, total: number, };

export type CampaignResultsView = { reached: number, heldOut: number, messaged: number, 
/**
 * Of their messages, those sent.
 */
messagesSent: number, couponsIssued: number, couponsRedeemed: number, redeemerRevenue: number, reachedRevenuePerMember: number, controlRevenuePerMember: number, cost: number, pointsGiven: number, 
/**
 * Of the cost, what its member prices took off.
 */
memberPriceDiscount: number, };

export type MemberCouponView = { id: string, couponCode: string, 
/**
 * `fixed`: `value` fen off; `percent`: basis points off.
 */
percent: boolean, value: number, minSpend: number, validFrom: string, validTo: string, used: boolean, };

export type PackagePlanForm = { serviceId: string, name: string, sessions: number, price: number, validDays: number, };

export type CouponKindView = "fixed" | "percent";

export type CouponView = { code: string, kind: CouponKindView, 
/**
 * Fen off (fixed) or basis points off (percent: 1000 = 10%).
 */
value: number, minSpend: number, 
/**
 * `YYYY-MM-DD`, the store's dates.
 */
validFrom: string, validTo: string, maxUses: number | null, perMember: number | null, tiers: Array<Tier>, active: boolean, used: number, };

export type PriceChangeView = { oldPrice: number, newPrice: number, staffName: string | null, 
/**
 * RFC 3339.
 */
at: string, };

export type PageCursor = { at: string, seq: number, };

export type PeriodInput = { from: string | null, to: string | null, };

export type AuditFilterInput = { period: PeriodInput, staffId: string | null, action: string | null, };

export type AuditEntryView = { id: string, at: string, action: string, staffName: string, approverName: string | null, receiptNo: string | null, subjectStaff: string | null, 
/**
 * The action's own detail (amount in fen, reason, from/to role …).
 */
detail: Record<string, unknown> | string | null, };

export type AuditPageView = { entries: Array<AuditEntryView>, next: PageCursor | null, };

export type ExportView = { path: string, };

export type ClosedShiftView = { shiftId: string, deviceId: string, openedAt: string, closedAt: string, openedBy: string, closedBy: string, sales: number, refunds: number, net: number, cashExpected: number, cashCounted: number | null, cashDifference: number | null, };

export type ClosedShiftPageView = { shifts: Array<ClosedShiftView>, next: PageCursor | null, };

export type StaffMatchInput = "credited" | "cashier";

export type SalesFilterInput = { period: PeriodInput, memberId: string | null, staffId: string | null, staffAs: StaffMatchInput, 
/**
 * One service or product (its id).
 */
itemId: string | null, 
/**
 * A kind of line: service, product, package_purchase, top_up, package_redemption.
 */
itemKind: string | null, 
/**
 * cash, bank_card, wechat_pay, alipay, stored_value, points or package.
 */
payment: string | null, };

export type SaleRowView = { id: string, receiptNo: string, kind: string, createdAt: string, memberName: string | null, cashierName: string, staffNames: Array<string>, payments: Array<string>, total: number, fullyRefunded: boolean, };

export type SalesPageView = { rows: Array<SaleRowView>, next: PageCursor | null, };

export type PaymentTotalView = { kind: string, amount: number, };

export type SalesTotalsView = { sales: number, refunds: number, net: number, byPayment: Array<PaymentTotalView>, packageSessions: number, itemAmount: number | null, };

export type BackupSettingsView = { 
/**
 * The folder backups go to (empty: none chosen).
 */
folder: string, 
/**
 * Scheduled backups (daily, and on closing the day) on or off.
 */
enabled: boolean, 
/**
 * `HH:MM` in the store's time zone.
 */
dailyAt: string, };

export type BackupStatusView = { settings: BackupSettingsView, 
/**
 * The last good backup: when (ISO), which file, its size in bytes.
 */
lastGoodAt: string | null, lastGoodFile: string | null, lastGoodSize: number | null, ageHours: number | null, 
/**
 * The last failure, until a good backup: when, why (`folder_missing`, …), the detail.
 */
failedAt: string | null, failedReason: string | null, failedDetail: string | null, 
/**
 * `no_folder`, `never`, `failed`, `old`, or none.
 */
warning: string | null, };

export type BackupFileView = { name: string, path: string, takenAt: string, size: number, 
/**
 * This till's (a shared folder may hold other tills' backups).
 */
own: boolean, };

export type BackupProgressView = { done: number, total: number, };

export type RestoreProgressView = { step: string, };

export type BackupPreviewView = { file: string, size: number, takenAt: string | null, storeCode: string, deviceCode: string, storeName: string, enrolled: boolean, 
/**
 * Of another till than this one (say so before replacing).
 */
otherDevice: boolean, members: number, sales: number, lastReceiptNo: string | null, integrityOk: boolean, };

export type RestoreDoneView = { 
/**
 * Where the replaced database is kept.
 */
replacedAside: string | null, 
/**
 * The till re-syncs with the chain (it pulls its own operations back).
 */
catchUp: boolean, };

export type StaffColor = "rose" | "coral" | "amber" | "olive" | "green" | "teal" | "sky" | "blue" | "indigo" | "violet" | "plum" | "slate";

export type ServiceRateView = { serviceId: string, bp: number, };

export type CommissionView = { serviceBp: number | null, productBp: number | null, overrides: Array<ServiceRateView>, };

export type StaffRecordView = { id: string, name: string, role: Role, active: boolean, color: StaffColor | null, 
/**
 * Her PIN was reset: she sets her own at her next login.
 */
pinMustChange: boolean, commission: CommissionView, };

export type StaffInput = { name: string, role: Role, color: StaffColor | null, commission: CommissionView, };

export type TimeZoneView = { zone: string, offsetMinutes: number, };

export type SetupProgressView = { 
/**
 * Active staff who are not owners.
 */
staff: number, services: number, products: number, 
/**
 * Top-up and package plans.
 */
plans: number, 
/**
 * Demo data may be loaded instead (a till not enrolled, with no sales).
 */
demoAllowed: boolean, 
/**
 * Staff, services and products exist: the checklist hides.
 */
done: boolean, };

export type PermissionRow = { permission: Permission, roles: Array<Role>, };

export type RevealReason = "serving_now" | "allergy_check" | "other";

export type RevealInput = { reason: RevealReason, text: string, };

export type SensitiveNotesView = { skinType: SkinType | null, allergies: string, notes: string, };

export type ExportDatasetInput = "members" | "sales" | "ledgers" | "stock";

export type ExportFormatInput = "xlsx" | "csv";

export type ExportInput = { dataset: ExportDatasetInput, format: ExportFormatInput, 
/**
 * Business dates; ignored for members (as of now).
 */
period: PeriodInput, 
/**
 * The UI's language: headers and coded values are written in it.
 */
lang: string, };

export type ExportProgress = { done: number, total: number, };

export type ExportResultView = { 
/**
 * The folder the files are in (`exports/` beside the database).
 */
folder: string, 
/**
 * Full paths, first sheet first (a CSV of sales: lines, then tenders).
 */
files: Array<string>, rows: number, 
/**
 * Phones were masked or sensitive notes left out for this role.
 */
masked: boolean, };

export type SegmentMemberView = { id: string, memberNo: string, name: string, 
/**
 * Whole or masked per the viewer's role (decided by the core).
 */
phone: string, tier: Tier, lastVisitAt: string | null, visits: number, 
/**
 * Fen, the last 365 days.
 */
spend365: number, rfm: RfmClass | null, };

export type SegmentPageView = { members: Array<SegmentMemberView>, 
/**
 * Pass back as `after` for the next page; null: the last page.
 */
next: number | null, };

export type SegmentExportInput = { filter: SegmentFilter, format: ExportFormatInput, 
/**
 * The UI's language: headers and coded values are written in it.
 */
lang: string, };

export type SavedSegment = { id: string, name: string, filter: SegmentFilter, };

export type RfmThresholds = { atRiskDays: number, lostDays: number, highVisits: number, 
/**
 * Fen.
 */
highSpend: number, mediumVisits: number, 
/**
 * Fen.
 */
mediumSpend: number, };

export type ConsentHow = "desk_form" | "paper_form" | "verbal" | "imported" | "message" | "merged" | "erased";

export type ConsentRecordView = { consent: boolean, 
/**
 * A `ConsentHow` word; a newer till's unknown word is shown as it is.
 */
how: string, staffName: string | null, deviceId: string, at: string, };

export type ConsentInput = { consent: boolean, how: ConsentHow, };

export type ImportKind = "members" | "services" | "products";

export type ImportField = "name" | "phone" | "gender" | "birthday" | "memberNo" | "tier" | "storedValue" | "bonus" | "points" | "package" | "sessions" | "packageExpiry" | "notes" | "tags" | "skinType" | "allergies" | "consentMarketing" | "region" | "source" | "nameEn" | "category" | "price" | "duration" | "barcode" | "sku" | "cost" | "unit" | "stock" | "lowStock";

export type ImportReason = "missing_name" | "bad_name" | "missing_phone" | "bad_phone" | "bad_member_no" | "bad_date" | "bad_value" | "unknown_tier" | "bad_amount" | "negative_balance" | "bad_sessions" | "unknown_plan" | "too_long" | "duplicate_in_file" | "matches_two_members" | "opening_differs" | "missing_price" | "already_in_catalog";

export type StagedFileView = { name: string, rows: number, columns: number, };

export type ImportPreviewView = { headers: Array<string>, rows: Array<Array<string>>, totalRows: number, mapping: Array<ImportField | null>, 
/**
 * The fields this kind of file may map to, in the order to offer them.
 */
fields: Array<ImportField>, 
/**
 * Those it cannot do without.
 */
required: Array<ImportField>, };

export type RefusalView = { row: number, reason: ImportReason, field: ImportField, };

export type ImportReportView = { kind: ImportKind, rows: number, added: number, updated: number, unchanged: number, refused: Array<RefusalView>, };

export type ImportProgress = { done: number, total: number, };

export type Grade = "excellent" | "good" | "fair" | "poor";

export type FeedbackSource = "checkout" | "follow_up" | "later";

export type RatedStaffView = { staffId: string, name: string, score: number | null, grade: Grade | null, };

export type VisitFeedbackView = { saleId: string, memberId: string | null, score: number, grade: Grade, staff: Array<RatedStaffView>, comment: string, source: FeedbackSource, recordedAt: string, };

export type FeedbackFormView = { saleId: string, memberId: string | null, receiptNo: string, staff: Array<RatedStaffView>, existing: VisitFeedbackView | null, };

export type StaffScoreInput = { staffId: string, score: number, };

export type FeedbackInputDto = { saleId: string, score: number, staffScores: Array<StaffScoreInput>, comment: string, source: FeedbackSource, };

export type ComplaintKind = "service_quality" | "attitude" | "product" | "price" | "hygiene" | "waiting" | "other";

export type ComplaintStatus = "open" | "in_progress" | "resolved" | "closed";

export type ComplaintInputDto = { memberId: string, kind: ComplaintKind, saleId: string | null, staffId: string | null, description: string, };

export type ComplaintStep = "take" | "note" | "resolve" | "close";

export type ComplaintStepInput = { step: ComplaintStep, 
/**
 * For `take`: the manager who owns it (none: who takes it).
 */
ownerId: string | null, 
/**
 * For `resolve`: her satisfaction with the handling, 1–5.
 */
satisfaction: number | null, note: string, };

export type ComplaintView = { id: string, memberId: string, memberName: string, kind: ComplaintKind, saleId: string | null, receiptNo: string | null, staffName: string | null, description: string, receivedByName: string | null, receivedAt: string, status: ComplaintStatus, ownerId: string | null, ownerName: string | null, satisfaction: number | null, resolvedAt: string | null, 
/**
 * Received → resolved/closed, or waiting so far.
 */
handlingMinutes: number, };

export type ComplaintActionView = { id: string, staffName: string | null, note: string, status: ComplaintStatus | null, createdAt: string, };

export type ComplaintDetailView = { complaint: ComplaintView, actions: Array<ComplaintActionView>, };

export type PointsEntryView = { id: string, delta: number, reason: string, saleId: string | null, receiptNo: string | null, staffName: string | null, note: string | null, expiresOn: string | null, createdAt: string, balance: number, };

export type ExchangeKind = "product" | "service" | "coupon";

export type ExchangeItemView = { id: string, kind: ExchangeKind, itemId: string | null, couponCode: string | null, name: string, points: number, validDays: number | null, active: boolean, onHand: number | null, };

export type ExchangeItemInputDto = { id: string | null, kind: ExchangeKind, itemId: string | null, couponCode: string | null, name: string, points: number, validDays: number | null, active: boolean, };

export type ExchangedView = { pointsLeft: number, couponId: string | null, };

export type CareKind = "post_visit" | "cadence" | "birthday" | "lapsed" | "package_expiry" | "points_expiry" | "cycle";

export type CareOutcome = "reached" | "no_answer" | "booked" | "not_interested";

export type CareView = { id: string, kind: CareKind, memberId: string, memberName: string, memberNo: string, tier: Tier, 
/**
 * Masked unless the viewer may see full phones (`SeeFullPhone`).
 */
phone: string, preferredStaffName: string | null, assignedStaffId: string | null, assignedStaffName: string | null, lastVisitOn: string | null, dueOn: string, 
/**
 * Why: the service and visit date, the points, the package… (per kind).
 */
detail: Record<string, unknown>, done: boolean, outcome: CareOutcome | null, note: string, appointmentId: string | null, snoozedUntil: string | null, 
/**
 * A message may go to her (a service message, or she consented).
 */
mayMessage: boolean, 
/**
 * Whether her message is already in the outbox.
 */
messageQueued: boolean, };

export type CareCursor = { dueOn: string, id: string, };

export type CareList = { tasks: Array<CareView>, next: CareCursor | null, };

export type CareFilterView = { 
/**
 * Only hers (assigned to her, or her preferred members' unassigned ones).
 */
mine: boolean, kind: CareKind | null, 
/**
 * Also the tasks done today (to see what was worked).
 */
doneToday: boolean, };

export type CareKindSettingView = { kind: CareKind, enabled: boolean, 
/**
 * post-visit: days after the visit; cadence: length of the first month
 * (weekly within it, monthly after); birthday / package / points: days
 * before; lapsed: days without a visit for a standard member (the tiers'
 * own in `lapsedDays`); cycle: days of grace after her usual interval.
 */
days: number, 
/**
 * `{name}`, `{store}`, `{service}`, `{date}`, `{points}`, `{package}`, `{sessions}`.
 */
templateZh: string, templateEn: string, };

export type CareTierDaysView = { tier: Tier, days: number, };

export type BirthdayBenefitView = { "kind": "none" } | { "kind": "points", points: number, } | { "kind": "coupon", code: string, };

export type CareSettingsView = { 
/**
 * One per kind, in `CareKind::ALL`'s order.
 */
kinds: Array<CareKindSettingView>, 
/**
 * Days without a visit before a member of this tier counts as lapsed.
 */
lapsedDays: Array<CareTierDaysView>, birthdayBenefit: BirthdayBenefitView, 
/**
 * No message is sent from `quietFromMin` to `quietUntilMin` (minutes
 * into the store's day; the span may cross midnight): it waits.
 */
quietFromMin: number, quietUntilMin: number, };

