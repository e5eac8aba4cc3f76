// Settings → Data encryption: "Database encrypted (SQLCipher), key in <where>", whether the owner's
// recovery passphrase is set, and (an owner) a new passphrase.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CryptStatusView } from "../lib/backend/bindings";
import { cryptSetPassphrase, cryptStatus, MIN_PASSPHRASE_CHARS } from "../lib/backend/commands-crypt";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";

/** Where the key is, in words: the credential store by its OS name, else the key place. */
function whereKey(s: CryptStatusView): MessageKey {
  if (s.keyPlace === "credential_store") return `crypt.where.${s.keyStore}` as MessageKey;
  return `crypt.where.${s.keyPlace}` as MessageKey;
}

export function CryptSettings(props: { isOwner: boolean }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<CryptStatusView | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [errors, setErrors] = useState<Partial<Record<"passphrase" | "confirm", FieldError>>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = () => cryptStatus().then(setStatus, (e) => setFailure(toApiError(e)));
  useEffect(() => void load(), []);

  const save = async (ev: Event) => {
    ev.preventDefault();
    setSaved(false);
    setFailure(null);
    if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
      setErrors({ passphrase: { text: t("crypt.tooShort", { n: MIN_PASSPHRASE_CHARS }) } });
      return;
    }
    if (passphrase !== again) {
      setErrors({ confirm: { text: t("crypt.mismatch") } });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await cryptSetPassphrase(passphrase);
      setSaved(true);
      setEditing(false);
      setPassphrase("");
      setAgain("");
      await load();
    } catch (e) {
      setFailure(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="crypt-settings">
      <h2 class="section-title">{t("crypt.settings.title")}</h2>
      {failure ? <ErrorBanner error={failure} testId="crypt-settings-error" /> : null}
      {status ? (
        <>
          <p data-testid="crypt-status" data-encrypted={status.encrypted} data-key-place={status.keyPlace}>
            {status.encrypted ? t("crypt.settings.encrypted", { where: t(whereKey(status)) }) : t("crypt.settings.plain")}
          </p>
          {status.encrypted ? (
            <p class={status.passphraseSet ? "muted" : "banner banner-error"} data-testid="crypt-passphrase-state">
              {t(status.passphraseSet ? "crypt.settings.passphraseSet" : "crypt.settings.passphraseMissing")}
            </p>
          ) : null}
        </>
      ) : null}
      {saved ? <p class="success-text" role="status">{t("crypt.settings.saved")}</p> : null}
      {props.isOwner && status?.encrypted && !editing ? (
        <button type="button" class="btn btn-secondary" data-testid="crypt-change" onClick={() => setEditing(true)}>
          {t("crypt.settings.change")}
        </button>
      ) : null}
      {editing ? (
        <form onSubmit={save} noValidate>
          <Field id="crypt-new" label={t("crypt.passphrase")} error={errors.passphrase}
            hint={t("crypt.passphraseHint", { n: MIN_PASSPHRASE_CHARS })}>
            <input id="f-crypt-new" class="input" type="password" data-testid="crypt-new" autocomplete="new-password"
              value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
          </Field>
          <Field id="crypt-new-confirm" label={t("crypt.passphraseConfirm")} error={errors.confirm}>
            <input id="f-crypt-new-confirm" class="input" type="password" data-testid="crypt-new-confirm"
              autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
          </Field>
          <button type="submit" class="btn btn-primary" data-testid="crypt-save" disabled={busy}>{t("crypt.settings.save")}</button>
        </form>
      ) : null}
    </section>
  );
}
