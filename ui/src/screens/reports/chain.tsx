// The chain owner's console (Reports → Chain, issue 18): on the chain's head-office device the
// owner runs her chain here instead of with curl and the operator's token — the chain's stores
// (add one), a one-time enrolment code for a store's new till (text and QR code), every till with
// its last sync, what it has waiting and its app version, and revoking a lost till. The server
// authorises it with her owner key (kept in the OS credential store, else for the session).
// Elsewhere (a till not enrolled, or not head office) the tab says why and does nothing.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ChainConsoleView } from "../../lib/backend/bindings";
import { chainConnect, chainConsole, chainForgetKey } from "../../lib/backend/commands-chain";
import { toApiError } from "../../lib/backend/errors";
import { ErrorBanner } from "../../components/error-banner";
import { Field } from "../../components/field";
import { useI18n, type MessageKey } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { ChainStoresCard, ChainTillsCard } from "./chain-lists";

/** Our words for a `chain_refused` reason, if we have them. */
export function chainReason(t: (k: MessageKey) => string, e: ApiError | null): string | undefined {
  return e?.code === "chain_refused" && e.reason ? t(`chain.reason.${e.reason}` as MessageKey) : undefined;
}

export function ChainConsole(_props: ReportTabProps) {
  const { t } = useI18n();
  const [view, setView] = useState<ChainConsoleView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    chainConsole().then(setView, (e) => setError(toApiError(e)));
  }, []);

  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      setView(await chainConnect(key));
      setKey("");
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const forget = async () => {
    try {
      setView(await chainForgetKey());
    } catch (e) {
      setError(toApiError(e));
    }
  };

  if (!view) {
    return error ? <ErrorBanner error={error} testId="chain-error" /> : <p class="muted">{t("common.loading")}</p>;
  }
  if (view.blocked) {
    return (
      <section class="card" data-testid="chain-blocked">
        <p>{t(`chain.blocked.${view.blocked}` as MessageKey)}</p>
      </section>
    );
  }
  if (!view.keyPlace) {
    const keyError = error?.field === "ownerKey" || error?.code === "validation";
    return (
      <section class="card chain-connect" data-testid="chain-connect">
        <h2 class="section-title">{t("chain.connectTitle")}</h2>
        <p class="muted">{t("chain.connectHelp")}</p>
        <Field id="ownerKey" label={t("chain.ownerKey")} wide
          error={keyError && error ? { text: chainReason(t, error) ?? error.message } : undefined}>
          <input id="f-ownerKey" class="input" type="password" autocomplete="off" spellcheck={false}
            data-testid="chain-owner-key" value={key}
            onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => { if (e.key === "Enter" && key.trim()) void connect(); }} />
        </Field>
        <div class="settings-actions">
          <button type="button" class="btn btn-primary btn-large" data-testid="chain-connect-submit"
            disabled={busy || !key.trim()} onClick={() => void connect()}>{t("chain.connect")}</button>
        </div>
        {error && !keyError ? <ErrorBanner error={error} testId="chain-error" text={chainReason(t, error)} /> : null}
      </section>
    );
  }
  return (
    <div class="chain-console" data-testid="chain-console">
      <p class="muted chain-key-line" data-testid="chain-key-place">
        {t(`chain.keyPlace.${view.keyPlace}` as MessageKey)}{" "}
        <button type="button" class="btn btn-secondary" data-testid="chain-forget-key" onClick={() => void forget()}>
          {t("chain.forgetKey")}
        </button>
      </p>
      {error ? <ErrorBanner error={error} testId="chain-error" text={chainReason(t, error)} /> : null}
      <ChainStoresCard onKeyRefused={() => void chainConsole().then(setView)} />
      <ChainTillsCard deviceId={view.deviceId} />
    </div>
  );
}
