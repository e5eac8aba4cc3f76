// The store's data is encrypted and its key is not at hand (`database_locked`): the owner's
// passphrase unlocks it (`needs_passphrase`), a plain database from before is encrypted in place
// with progress (`needs_encryption`), or the key is gone (`key_lost`) and we say what to do.
import { useState } from "preact/hooks";
import type { ApiError, CryptProgress } from "../lib/backend/bindings";
import { cryptEncrypt, cryptUnlock, MIN_PASSPHRASE_CHARS } from "../lib/backend/commands-crypt";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";

type Errors = Partial<Record<"owner-pin" | "passphrase" | "passphrase-confirm", FieldError>>;

export function Unlock(props: { error: ApiError; onDone: () => void }) {
  const { t } = useI18n();
  const reason = props.error.reason;
  const encrypting = reason === "needs_encryption";
  const [pin, setPin] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [progress, setProgress] = useState<CryptProgress | null>(null);

  if (reason !== "needs_passphrase" && reason !== "needs_encryption") {
    return (
      <main class="center-screen">
        <div class="card auth-card" data-testid="crypt-lost">
          <h1>{t("crypt.lost.title")}</h1>
          <p>{t("crypt.lost.text")}</p>
        </div>
      </main>
    );
  }

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const found: Errors = {};
    if (encrypting && pin === "") {
      found["owner-pin"] = { text: t("crypt.encrypt.ownerPinMissing") };
    } else if (encrypting && [...passphrase].length < MIN_PASSPHRASE_CHARS) {
      found.passphrase = { text: t("crypt.tooShort", { n: MIN_PASSPHRASE_CHARS }) };
    } else if (encrypting && passphrase !== again) {
      found["passphrase-confirm"] = { text: t("crypt.mismatch") };
    } else if (passphrase === "") {
      found.passphrase = { text: t("error.wrong_passphrase") };
    }
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      if (encrypting) await cryptEncrypt(pin, passphrase, setProgress);
      else await cryptUnlock(passphrase);
      props.onDone();
    } catch (cause) {
      const error = toApiError(cause);
      if (error.code === "wrong_passphrase") setErrors({ passphrase: { text: t("error.wrong_passphrase") } });
      // Only the owner's PIN encrypts the store (the backend decides).
      else if (encrypting && (error.code === "wrong_pin" || error.code === "locked_out" || error.code === "forbidden")) {
        setErrors({ "owner-pin": { text: t(error.code === "locked_out" ? "error.locked_out" : "crypt.encrypt.ownerPinWrong") } });
      }
      else if (error.code === "validation" && error.field === "passphrase") {
        setErrors({ passphrase: { text: t("crypt.tooShort", { n: MIN_PASSPHRASE_CHARS }) } });
      } else setFailure(error);
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <main class="center-screen">
      <form class="card auth-card" onSubmit={submit} noValidate data-testid={encrypting ? "crypt-encrypt" : "crypt-unlock"}>
        <div class="auth-mark" aria-hidden="true">S</div>
        <h1>{t(encrypting ? "crypt.encrypt.title" : "crypt.unlock.title")}</h1>
        <p class="muted">{t(encrypting ? "crypt.encrypt.intro" : "crypt.unlock.intro")}</p>
        {encrypting ? (
          <Field id="crypt-owner-pin" label={t("crypt.encrypt.ownerPin")} error={errors["owner-pin"]}>
            <input id="f-crypt-owner-pin" class="input" type="password" inputMode="numeric" data-testid="crypt-owner-pin"
              autoFocus autocomplete="off" value={pin} disabled={busy}
              onInput={(e) => setPin(e.currentTarget.value.replace(/\D/g, ""))} />
          </Field>
        ) : null}
        <Field id="crypt-passphrase" label={t("crypt.passphrase")} error={errors.passphrase}
          hint={encrypting ? t("crypt.passphraseHint", { n: MIN_PASSPHRASE_CHARS }) : undefined}>
          <input id="f-crypt-passphrase" class="input" type="password" data-testid="crypt-passphrase" autoFocus={!encrypting}
            autocomplete={encrypting ? "new-password" : "current-password"} value={passphrase} disabled={busy}
            onInput={(e) => setPassphrase(e.currentTarget.value)} />
        </Field>
        {encrypting ? (
          <Field id="crypt-passphrase-confirm" label={t("crypt.passphraseConfirm")} error={errors["passphrase-confirm"]}>
            <input id="f-crypt-passphrase-confirm" class="input" type="password" data-testid="crypt-passphrase-confirm"
              autocomplete="new-password" value={again} disabled={busy} onInput={(e) => setAgain(e.currentTarget.value)} />
          </Field>
        ) : null}
        {progress ? (
          <div class="progress-wrap">
            <div class="progress" role="progressbar" data-testid="crypt-progress" aria-valuemin={0}
              aria-valuemax={progress.total} aria-valuenow={progress.done} data-phase={progress.phase}>
              <div class="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span class="progress-text">{t(`crypt.phase.${progress.phase}` as "crypt.phase.done")} {percent}%</span>
          </div>
        ) : null}
        {failure ? <ErrorBanner error={failure} testId="crypt-error" /> : null}
        <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="crypt-submit" disabled={busy}>
          {t(encrypting ? "crypt.encrypt.submit" : "crypt.unlock.submit")}
        </button>
        {encrypting ? null : (
          <button type="button" class="btn btn-ghost btn-block" data-testid="crypt-forgot" onClick={() => setForgot(!forgot)}>
            {t("crypt.unlock.forgot")}
          </button>
        )}
        {forgot ? <p class="small" data-testid="crypt-forgot-text">{t("crypt.unlock.forgotText")}</p> : null}
      </form>
    </main>
  );
}
