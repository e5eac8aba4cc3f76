// First run: no staff exists yet, so the person at the desk creates the owner account.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, Session } from "../lib/backend/bindings";
import { createOwner } from "../lib/backend/commands";
import { cryptSetPassphrase, cryptStatus, MIN_PASSPHRASE_CHARS } from "../lib/backend/commands-crypt";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";
import { digitsOnly } from "../lib/input";
import { RestoreNewPc } from "./restore-new-pc";

type Errors = Partial<Record<"name" | "pin" | "pin-confirm" | "passphrase" | "passphrase-confirm", FieldError>>;

export function SetupOwner(props: { onDone: (session: Session) => void; onRestored: () => void }) {
  const { t } = useI18n();
  // A new PC replacing the store's old one: its data comes back from a backup instead.
  const [restoring, setRestoring] = useState(false);
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const [pinAgain, setPinAgain] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // An encrypted store whose key no passphrase wraps yet: the owner sets it here (the recovery
  // when the credential store loses the key, and the only key where there is none).
  const [askPassphrase, setAskPassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [passphraseAgain, setPassphraseAgain] = useState("");
  // The owner once created: a failed passphrase is retried without creating her again.
  const [created, setCreated] = useState<Session | null>(null);
  useEffect(() => {
    cryptStatus().then((s) => setAskPassphrase(s.encrypted && !s.passphraseSet), () => setAskPassphrase(false));
  }, []);

  const check = (): Errors => {
    const e: Errors = {};
    const say = (key: MessageKey): FieldError => ({ text: t(key) });
    if (name.trim() === "") e.name = say("setup.nameRequired");
    // An owner's PIN is 6–8 digits: a shorter one is cracked in minutes from a copied till file.
    if (!/^\d{6,8}$/.test(pin)) e.pin = say("setup.pinFormat");
    else if (pin !== pinAgain) e["pin-confirm"] = say("setup.pinMismatch");
    if (askPassphrase && [...passphrase].length < MIN_PASSPHRASE_CHARS) {
      e.passphrase = { text: t("crypt.tooShort", { n: MIN_PASSPHRASE_CHARS }) };
    } else if (askPassphrase && passphrase !== passphraseAgain) {
      e["passphrase-confirm"] = say("crypt.mismatch");
    }
    return e;
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const found = check();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const session = created ?? (await createOwner(name.trim(), pin));
      setCreated(session);
      if (askPassphrase) await cryptSetPassphrase(passphrase);
      props.onDone(session);
    } catch (reason) {
      const error = toApiError(reason);
      if (error.code === "validation" && error.field === "passphrase") {
        setErrors({ passphrase: { text: t("crypt.tooShort", { n: MIN_PASSPHRASE_CHARS }) } });
      } else if (error.code === "pin_too_short") {
        setErrors({ pin: { text: t("setup.pinFormat") } });
      } else if (error.code === "validation" && (error.field === "name" || error.field === "pin")) {
        setErrors({ [error.field]: { text: t("error.validation"), detail: error.message } });
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  if (restoring) return <RestoreNewPc onBack={() => setRestoring(false)} onRestored={props.onRestored} />;

  return (
    <main class="center-screen">
      <form class="card auth-card" onSubmit={submit} noValidate>
        <div class="auth-mark" aria-hidden="true">S</div>
        <h1>{t("setup.title")}</h1>
        <p class="muted">{t("setup.intro")}</p>
        <Field id="owner-name" label={t("setup.name")} error={errors.name}>
          <input id="f-owner-name" class="input" data-testid="owner-name" value={name} autoFocus autocomplete="off"
            maxLength={40} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <div class="form-row">
          <Field id="owner-pin" label={t("setup.pin")} error={errors.pin}>
            <input id="f-owner-pin" class="input input-pin" data-testid="owner-pin" type="password" inputMode="numeric"
              autocomplete="new-password" value={pin} onInput={digitsOnly(8, setPin)} />
          </Field>
          <Field id="owner-pin-confirm" label={t("setup.pinConfirm")} error={errors["pin-confirm"]}>
            <input id="f-owner-pin-confirm" class="input input-pin" data-testid="owner-pin-confirm" type="password"
              inputMode="numeric" autocomplete="new-password" value={pinAgain} onInput={digitsOnly(8, setPinAgain)} />
          </Field>
        </div>
        {askPassphrase ? (
          <div class="form-row">
            <Field id="owner-passphrase" label={t("crypt.passphrase")} error={errors.passphrase}
              hint={t("crypt.passphraseHint", { n: MIN_PASSPHRASE_CHARS })}>
              <input id="f-owner-passphrase" class="input" data-testid="owner-passphrase" type="password"
                autocomplete="new-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
            </Field>
            <Field id="owner-passphrase-confirm" label={t("crypt.passphraseConfirm")} error={errors["passphrase-confirm"]}>
              <input id="f-owner-passphrase-confirm" class="input" data-testid="owner-passphrase-confirm" type="password"
                autocomplete="new-password" value={passphraseAgain} onInput={(e) => setPassphraseAgain(e.currentTarget.value)} />
            </Field>
          </div>
        ) : null}
        {failure ? <ErrorBanner error={failure} testId="form-error" /> : null}
        <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="owner-submit" disabled={busy}>
          {t("setup.submit")}
        </button>
        <button type="button" class="btn btn-ghost btn-block" data-testid="setup-restore" disabled={busy || created !== null}
          onClick={() => setRestoring(true)}>
          {t("setup.restore")}
        </button>
      </form>
    </main>
  );
}
