// Generated from the Rust wire types (src-tauri/src/dto) by ts-rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p salondesk bindings` to regenerate.

export type ErrorCode = "validation" | "duplicate_phone" | "duplicate_member_no" | "not_found" | "wrong_pin" | "locked_out" | "not_logged_in" | "forbidden" | "conflict" | "database_newer" | "internal";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The input field the error is about (camelCase), for validation errors.
 */
field: string | null, 
/**
 * The member who already has the phone, for `duplicate_phone`.
 */
memberId: string | null, };

export type Role = "owner" | "manager" | "cashier" | "beautician";

export type Tier = "standard" | "silver" | "gold" | "platinum";

export type Gender = "female" | "male" | "other";

export type SkinType = "dry" | "oily" | "combination" | "sensitive" | "normal";

export type MatchKind = "member_no" | "phone" | "phone_suffix" | "name" | "pinyin" | "initials";

export type StaffBrief = { id: string, name: string, role: Role, };

export type Session = { staff: StaffBrief, canSeeFullPhone: boolean, 
/**
 * May archive and merge members and load demo data.
 */
canManage: boolean, };

export type OwnerInput = { name: string, pin: string, };

export type AppInfo = { version: string, dbPath: string, dataDir: string, hasOwner: boolean, systemLocale: string, memberCount: number, deviceId: string, pendingOps: number, };

export type SeedProgress = { done: number, total: number, };

export type MemberHit = { id: string, memberNo: string, name: string, phone: string, tier: Tier, lastVisitAt: string | null, matched: MatchKind, exact: boolean, };

export type MemberView = { id: string, memberNo: string, name: string, phone: string, gender: Gender | null, birthday: string | null, region: string, skinType: SkinType | null, allergies: string, preferredStaffId: string | null, preferredStaffName: string | null, notes: string, tags: Array<string>, consentMarketing: boolean, source: string, referrerId: string | null, referrerName: string | null, tier: Tier, archived: boolean, registeredAt: string, lastVisitAt: string | null, visitCount: number, };

export type MemberInput = { name: string, 
/**
 * Required to register; null on an edit keeps the current phone.
 */
phone: string | null, 
/**
 * Null or blank generates a member number.
 */
memberNo: string | null, gender: Gender | null, birthday: string | null, region: string, skinType: SkinType | null, allergies: string, preferredStaffId: string | null, notes: string, tags: Array<string>, consentMarketing: boolean, source: string, referrerId: string | null, };

