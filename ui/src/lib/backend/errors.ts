// Every rejection from the backend becomes an `ApiError` here, so screens branch on `code`
// and never have to guess what shape a failure has.
import type { ApiError, ErrorCode } from "./bindings";

export const CODES: readonly ErrorCode[] = [
  "validation", "duplicate_phone", "duplicate_member_no", "not_found", "wrong_pin",
  "locked_out", "pin_too_short", "pin_change_required", "demo_refused", "not_logged_in", "forbidden", "sale_open", "coupon_refused", "staff_refused", "database_newer", "conflict", "outside_hours",
  "sync_unreachable", "enrolment_refused", "database_in_use", "approval_required", "approval_invalid", "head_office_only",
  "amount_too_large", "free_service_refused", "chain_refused", "export_failed", "backup_failed", "restore_refused",
  "wrong_key", "wrong_passphrase", "database_locked", "internal",
];

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (CODES as readonly string[]).includes(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && isErrorCode((value as { code?: unknown }).code);
}

/** Normalises whatever `invoke` rejected with (an error object, a bare string, an Error). */
export function toApiError(reason: unknown): ApiError {
  if (typeof reason === "object" && reason !== null) {
    const r = reason as Record<string, unknown>;
    if (isErrorCode(r.code)) {
      const error: ApiError = {
        code: r.code,
        message: typeof r.message === "string" ? r.message : "",
        field: stringOrNull(r.field),
        memberId: stringOrNull(r.memberId),
      };
      const why = stringOrNull(r.reason);
      if (why !== null) error.reason = why;
      if (typeof r.minDigits === "number") error.minDigits = r.minDigits;
      if (typeof r.minutes === "number") error.minutes = r.minutes;
      return error;
    }
    if (reason instanceof Error) return internal(reason.message);
  }
  if (typeof reason === "string") return internal(reason);
  return internal(String(reason));
}

function internal(message: string): ApiError {
  return { code: "internal", message, field: null, memberId: null };
}

