// Staff PIN login: pick a name (large buttons), then the PIN by keyboard or on-screen pad.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Session, StaffBrief } from "../lib/backend/bindings";
import { login, loginStaffList } from "../lib/backend/commands";
import { lockoutMinutes, toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { digitsOnly } from "../lib/input";
import { PinPad } from "../components/pin-pad";
import { AlertIcon, LockIcon } from "../components/icons";
import { ErrorBanner } from "../components/error-banner";

export function Login(props: { onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffBrief[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<StaffBrief | null>(null);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loginStaffList().then(
      (list) => {
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
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!selected || pin.length === 0 || busy) return;
    setBusy(true);
    try {
      props.onDone(await login(selected.id, pin));
    } catch (reason) {
      setError(toApiError(reason));
      setPin("");
    } finally {
      setBusy(false);
    }
  };

  const errorText = (err: ApiError) => {
    if (err.code === "locked_out") {
      const minutes = lockoutMinutes(err.message);
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
