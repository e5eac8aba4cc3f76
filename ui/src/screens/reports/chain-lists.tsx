// The chain console's two lists (see chain.tsx): the stores, with adding one and a new till's
// enrolment code (text and QR code), and every till with its last sync, what waits, its version,
// and revoking a lost one after a confirmation.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ChainCodeView, ChainStoreView, ChainTillView } from "../../lib/backend/bindings";
import {
  chainAddStore, chainEnrolmentCode, chainRevokeTill, chainStores, chainTills,
} from "../../lib/backend/commands-chain";
import { toApiError } from "../../lib/backend/errors";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { Field } from "../../components/field";
import { useI18n } from "../../lib/i18n";
import { chainReason } from "./chain";

export function ChainStoresCard(props: { onKeyRefused: () => void }) {
  const { t } = useI18n();
  const [stores, setStores] = useState<ChainStoreView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const [codeFor, setCodeFor] = useState<ChainStoreView | null>(null);

  const load = () => chainStores().then(setStores, (e) => {
    const err = toApiError(e);
    setError(err);
    if (err.reason === "key_refused") props.onKeyRefused();
  });
  useEffect(() => void load(), []);

  return (
    <section class="card" data-testid="chain-stores">
      <div class="chain-card-head">
        <h2 class="section-title">{t("chain.stores")}</h2>
        <button type="button" class="btn btn-primary" data-testid="chain-add-store" onClick={() => setAdding(true)}>
          {t("chain.addStore")}
        </button>
      </div>
      {error ? <ErrorBanner error={error} testId="chain-stores-error" text={chainReason(t, error)} /> : null}
      {stores ? (
        <div class="records-scroll">
          <table class="ledger-table records-table" data-testid="chain-stores-table">
            <thead>
              <tr><th>{t("chain.storeCode")}</th><th>{t("chain.storeName")}</th><th class="num">{t("chain.tillsCount")}</th><th /></tr>
            </thead>
            <tbody>
              {stores.map((s) => (
                <tr key={s.id} data-testid={`chain-store-${s.code}`}>
                  <td>{s.code}</td>
                  <td>{s.name}</td>
                  <td class="num">{s.tills}</td>
                  <td>
                    <button type="button" class="btn btn-secondary" data-testid={`chain-code-${s.code}`} onClick={() => setCodeFor(s)}>
                      {t("chain.newTill")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {adding ? <AddStoreDialog onClose={() => setAdding(false)} onAdded={(list) => { setStores(list); setAdding(false); }} /> : null}
      {codeFor ? <CodeDialog store={codeFor} onClose={() => setCodeFor(null)} /> : null}
    </section>
  );
}

function AddStoreDialog(props: { onClose: () => void; onAdded: (list: ChainStoreView[]) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onAdded(await chainAddStore(name, code));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const on = (f: string) => (error?.field === f ? { text: chainReason(t, error) ?? error.message } : undefined);
  return (
    <Dialog title={t("chain.addStore")} onClose={props.onClose} testId="chain-add-store-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onClose}>{t("chain.cancel")}</button>
        <button type="button" class="btn btn-primary btn-large" data-testid="chain-add-store-save" disabled={busy}
          onClick={() => void save()}>{t("chain.addStore")}</button>
      </>}>
      <Field id="name" label={t("chain.storeName")} error={on("name")}>
        <input id="f-name" class="input" data-testid="chain-store-name" value={name} maxLength={200}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field id="code" label={t("chain.storeCode")} hint={t("chain.storeCodeHint")} error={on("code")}>
        <input id="f-code" class="input" data-testid="chain-store-code" value={code} maxLength={10} spellcheck={false}
          onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      {error && !error.field ? <ErrorBanner error={error} testId="chain-add-store-error" text={chainReason(t, error)} /> : null}
    </Dialog>
  );
}

function CodeDialog(props: { store: ChainStoreView; onClose: () => void }) {
  const { t, dateTime } = useI18n();
  const [headOffice, setHeadOffice] = useState(false);
  const [made, setMade] = useState<ChainCodeView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const make = async () => {
    setError(null);
    try {
      setMade(await chainEnrolmentCode(props.store.id, headOffice));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <Dialog title={t("chain.codeTitle", { store: props.store.name })} onClose={props.onClose} testId="chain-code-dialog"
      actions={<button type="button" class="btn btn-secondary btn-large" data-testid="chain-code-close" onClick={props.onClose}>
        {t("chain.close")}
      </button>}>
      {made ? (
        <div class="chain-code" data-testid="chain-code-made">
          <p class="chain-code-text" data-testid="chain-code-text">{made.code}</p>
          {/* The SVG is the core's own drawing (qrcode crate), not text from elsewhere. */}
          <div class="chain-code-qr" data-testid="chain-code-qr" dangerouslySetInnerHTML={{ __html: made.qrSvg }} />
          <p class="muted">{t("chain.codeExpires", { time: dateTime(made.expiresAt) })}</p>
          <p class="muted">{t("chain.codeHelp")}</p>
        </div>
      ) : (
        <>
          <label class="checkbox">
            <input type="checkbox" data-testid="chain-code-head-office" checked={headOffice}
              onChange={(e) => setHeadOffice((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t("chain.headOffice")}</span>
          </label>
          <div class="settings-actions">
            <button type="button" class="btn btn-primary btn-large" data-testid="chain-code-make" onClick={() => void make()}>
              {t("chain.makeCode")}
            </button>
          </div>
        </>
      )}
      {error ? <ErrorBanner error={error} testId="chain-code-error" text={chainReason(t, error)} /> : null}
    </Dialog>
  );
}

export function ChainTillsCard(props: { deviceId: string }) {
  const { t, dateTime, count } = useI18n();
  const [tills, setTills] = useState<ChainTillView[] | null>(null);
  const [stores, setStores] = useState<Map<string, ChainStoreView>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [revoking, setRevoking] = useState<ChainTillView | null>(null);

  const load = () => {
    setError(null);
    chainTills().then(setTills, (e) => setError(toApiError(e)));
    chainStores().then((list) => setStores(new Map(list.map((s) => [s.id, s]))), () => {});
  };
  useEffect(load, []);
  const revoke = async (till: ChainTillView) => {
    try {
      setTills(await chainRevokeTill(till.id));
      setRevoking(null);
    } catch (e) {
      setError(toApiError(e));
      setRevoking(null);
    }
  };
  const num = (n: number | null) => (n === null ? t("chain.unknown") : count(n));
  const label = (x: ChainTillView) => `${stores.get(x.storeId)?.code ?? ""}-${x.code} ${x.name}`;

  return (
    <section class="card" data-testid="chain-tills">
      <div class="chain-card-head">
        <h2 class="section-title">{t("chain.tills")}</h2>
        <button type="button" class="btn btn-secondary" data-testid="chain-tills-refresh" onClick={load}>{t("chain.refresh")}</button>
      </div>
      {error ? <ErrorBanner error={error} testId="chain-tills-error" text={chainReason(t, error)} /> : null}
      {tills ? (
        <div class="records-scroll">
          <table class="ledger-table records-table" data-testid="chain-tills-table">
            <thead>
              <tr>
                <th>{t("chain.store")}</th><th>{t("chain.till")}</th><th>{t("chain.lastSync")}</th>
                <th class="num">{t("chain.waiting")}</th><th class="num">{t("chain.notPulled")}</th>
                <th>{t("chain.version")}</th><th>{t("chain.status")}</th><th />
              </tr>
            </thead>
            <tbody>
              {tills.map((x) => (
                <tr key={x.id} data-testid={`chain-till-${x.id}`} class={x.revokedAt ? "muted" : ""}>
                  <td>{stores.get(x.storeId)?.name ?? ""}</td>
                  <td>
                    {x.code} {x.name}
                    {x.headOffice ? <span class="pill chain-pill">{t("chain.hq")}</span> : null}
                    {x.id === props.deviceId ? <span class="pill chain-pill">{t("chain.thisTill")}</span> : null}
                  </td>
                  <td>{x.lastSyncAt ? dateTime(x.lastSyncAt) : t("chain.never")}</td>
                  <td class="num" data-testid={`chain-till-waiting-${x.id}`}>{num(x.waiting)}</td>
                  <td class="num">{num(x.notPulled)}</td>
                  <td>{x.appVersion ?? t("chain.unknown")}</td>
                  <td>{x.revokedAt ? t("chain.revoked", { time: dateTime(x.revokedAt) }) : t("chain.active")}</td>
                  <td>
                    {!x.revokedAt && x.id !== props.deviceId ? (
                      <button type="button" class="btn btn-danger" data-testid={`chain-revoke-${x.id}`} onClick={() => setRevoking(x)}>
                        {t("chain.revoke")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoking ? (
        <Dialog title={t("chain.revokeTitle", { till: label(revoking) })} onClose={() => setRevoking(null)} testId="chain-revoke-dialog"
          actions={<>
            <button type="button" class="btn btn-secondary btn-large" onClick={() => setRevoking(null)}>{t("chain.cancel")}</button>
            <button type="button" class="btn btn-danger btn-large" data-testid="chain-revoke-confirm"
              onClick={() => void revoke(revoking)}>{t("chain.revokeConfirm")}</button>
          </>}>
          <p>{t("chain.revokeText")}</p>
        </Dialog>
      ) : null}
    </section>
  );
}
