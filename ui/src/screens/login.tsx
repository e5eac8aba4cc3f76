// Staff PIN login: pick a name (large buttons), then the PIN by keyboard or on-screen pad.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Session, StaffBrief } from "../lib/backend/bindings";
import { changePin, login, loginStaffList } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { digitsOnly } from "../lib/input";
import { PinPad } from "../components/pin-pad";
import { AlertIcon, LockIcon } from "../components/icons";
import { ErrorBanner } from "../components/error-banner";

let preloaded: { at: number; list: Promise<StaffBrief[]> } | null = null;

/**
 * Asks for the staff tiles ahead of the login screen (at boot, beside the other first questions).
 * Used only by a login screen shown within seconds (not one after a restored session ends).
 */
export function preloadLoginStaff(): void {
  preloaded = { at: Date.now(), list: loginStaffList() };
  preloaded.list.catch(() => {});
}

/** Drops the tiles asked at boot: the login screen they were for is not the next one shown. */
export function forgetPreloadedLoginStaff(): void {
  preloaded = null;
}

export function Login(props: { onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffBrief[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<StaffBrief | null>(null);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);
  // Her PIN was right but too short for her role: she sets a new one (the old proves it is she).
  const [change, setChange] = useState<{ oldPin: string; minDigits: number; reset: boolean } | null>(null);

  // Asked at render, not after the first paint, or already at boot (preloadLoginStaff): the
  // tiles come sooner (cold start, issue 16).
  useLayoutEffect(() => {
    const asked = preloaded && Date.now() - preloaded.at < 5000 ? preloaded.list : loginStaffList();
    preloaded = null;
    asked.then(
      (list) => {
        // For the desk benchmark's cold start: when the tiles could first be drawn.
        performance.mark("login-staff");
        setStaff(list);
        if (list.length === 1 && list[0]) setSelected(list[0]);
      },
      (reason: unknown) => setLoadError(toApiError(reason)),
    );
  }, []);

  // Back to the PIN after choosing a name or after a failed try (the input is disabled while busy).
  useEffect(() => {
    if (!busy) pinInput.current?.focus();
  }, [selected, busy]);

  const choose = (s: StaffBrief) => {
    setSelected(s);
    setPin("");
    setError(null);
    setChange(null);
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!selected || pin.length === 0 || busy) return;
    setBusy(true);
    try {
      props.onDone(await login(selected.id, pin));
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "pin_change_required") {
        setChange({ oldPin: pin, minDigits: err.minDigits ?? 6, reset: err.reason === "pin_reset" });
        setError(null);
      } else {
        setError(err);
      }
      setPin("");
    } finally {
      setBusy(false);
    }
  };

  if (selected && change) {
    return (
      <main class="center-screen">
        <ChangePin staff={selected} oldPin={change.oldPin} minDigits={change.minDigits} reset={change.reset}
          onDone={props.onDone}
          onCancel={() => setChange(null)} />
      </main>
    );
  }

  const errorText = (err: ApiError) => {
    if (err.code === "locked_out") {
      const minutes = err.minutes ?? null;
      return minutes === null ? t("error.locked_out") : t("login.lockedMinutes", { n: minutes });
    }
    return t(`error.${err.code}`);
  };

  return (
    <main class="login">
      <section class="login-staff">
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.subtitle")}</p>
        {loadError ? <ErrorBanner error={loadError} /> : null}
        {staff === null && !loadError ? <p class="muted">{t("common.loading")}</p> : null}
        {staff?.length === 0 ? <p class="muted">{t("login.noStaff")}</p> : null}
        <div class="staff-grid">
          {staff?.map((s) => (
            <button key={s.id} type="button" class={`staff-button ${selected?.id === s.id ? "selected" : ""}`}
              data-testid={`login-staff-${s.id}`} aria-pressed={selected?.id === s.id} onClick={() => choose(s)}>
              <span class="avatar" aria-hidden="true">{[...s.name][0]}</span>
              <span class="staff-button-text">
                <span class="staff-button-name">{s.name}</span>
                <span class="staff-button-role">{t(`role.${s.role}`)}</span>
              </span>
            </button>
          ))}
        </div>
      </section>

      <form class="card login-pin" onSubmit={submit} noValidate>
        <div class="login-pin-head">
          <LockIcon size={22} />
          <h2>{selected ? t("login.pinFor", { name: selected.name }) : t("login.pickStaff")}</h2>
        </div>
        <label class="sr-only" for="f-login-pin">{t("login.pin")}</label>
        <input ref={pinInput} id="f-login-pin" class="input pin-display" data-testid="login-pin" type="password"
          inputMode="numeric" autocomplete="off" value={pin} disabled={!selected || busy} aria-describedby="login-error"
          onInput={digitsOnly(8, (v) => { setPin(v); setError(null); })} />
        <div class="login-error-slot">
          {error ? (
            <div id="login-error" class={`login-error ${error.code === "locked_out" ? "locked" : ""}`}
              role="alert" data-testid="login-error" data-code={error.code}>
              {error.code === "locked_out" ? <LockIcon size={18} /> : <AlertIcon size={18} />}
              <span>{errorText(error)}</span>
            </div>
          ) : <div class="muted small">{t("login.pinHint")}</div>}
        </div>
        <PinPad disabled={!selected || busy}
          onDigit={(d) => { setPin((p) => (p.length < 8 ? p + d : p)); setError(null); }}
          onBackspace={() => setPin((p) => p.slice(0, -1))} onClear={() => setPin("")} />
        <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="login-submit"
          disabled={!selected || pin.length === 0 || busy}>
          {t("login.submit")} <kbd class="kbd kbd-on-primary">Enter</kbd>
        </button>
      </form>
    </main>
  );
}

/** A new PIN for an owner or a manager whose PIN is shorter than her role now needs. */
function ChangePin(props: {
  staff: StaffBrief; oldPin: string; minDigits: number; onDone: (s: Session) => void; onCancel: () => void;
  /** A manager reset her PIN: the temporary one lets her in only to set her own. */
  reset: boolean;
}) {
  const { t } = useI18n();
  const [pin, setPin] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = props.minDigits;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (pin.length < n) return setError(t("login.newPinShort", { n }));
    if (pin !== again) return setError(t("setup.pinMismatch"));
    if (props.reset && pin === props.oldPin) return setError(t("staffAdmin.login.notTemporary"));
    setBusy(true);
    try {
      props.onDone(await changePin(props.staff.id, props.oldPin, pin));
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    // Alone on the screen (no staff list beside it): centred like first-run setup; Esc cancels.
    <form class="card login-pin login-pin-change" onSubmit={submit} noValidate data-testid="pin-change"
      onKeyDown={(e) => { if (e.key === "Escape" && !busy) { e.preventDefault(); props.onCancel(); } }}>
      <div class="login-pin-head">
        <LockIcon size={22} />
        <h2>{t("login.newPinTitle", { name: props.staff.name })}</h2>
      </div>
      <p class="muted" data-testid="pin-change-why">
        {props.reset ? t("staffAdmin.login.resetWhy", { n }) : t("login.newPinWhy", { n })}
      </p>
      <label class="field-label" for="f-new-pin">{t("login.newPin", { n })}</label>
      <input id="f-new-pin" class="input pin-display" data-testid="new-pin" type="password" inputMode="numeric"
        autocomplete="new-password" value={pin} autoFocus onInput={digitsOnly(8, setPin)} />
      <label class="field-label" for="f-new-pin-again">{t("setup.pinConfirm")}</label>
      <input id="f-new-pin-again" class="input pin-display" data-testid="new-pin-confirm" type="password"
        inputMode="numeric" autocomplete="new-password" value={again} onInput={digitsOnly(8, setAgain)} />
      {error ? <ErrorBanner error={error} testId="pin-change-error" /> : null}
      <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="new-pin-submit" disabled={busy}>
        {t("login.newPinSubmit")} <kbd class="kbd kbd-on-primary">Enter</kbd>
      </button>
      <button type="button" class="btn btn-secondary btn-large btn-block" onClick={props.onCancel} disabled={busy}>
        {t("common.cancel")} <kbd class="kbd">Esc</kbd>
      </button>
    </form>
  );
}
