// This device's receipt printer (小票打印机), on the settings screen: where the receipt bytes go
// (a device such as /dev/usb/lp0, a file, or a folder with one file per receipt; empty: none),
// the paper width, the receipt's language and whether sales print by themselves. Device-local:
// another till has another printer. Errors show at their field; what was typed stays.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, PrinterSettingsView } from "../lib/backend/bindings";
import { printerSettings, savePrinterSettings } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type Locale } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import type { FieldError } from "./field";
import { PrinterIcon } from "./sales-icons";

const PAPERS = [58, 80] as const;
const LANGS: readonly Locale[] = ["zh-CN", "en"];

export function PrinterSettings() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<PrinterSettingsView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    printerSettings().then(setDraft, (reason: unknown) => setLoadError(toApiError(reason)));
  }, []);

  const change = (patch: Partial<PrinterSettingsView>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key];
      return next;
    });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setDraft(await savePrinterSettings({ ...draft, path: draft.path.trim() }));
      setErrors({});
      setSaved(true);
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "validation" && err.field) setErrors({ [err.field]: { text: t("error.validation"), detail: err.message } });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: string) => {
    const e = errors[key];
    return e ? (
      <div class="field-error" role="alert" data-testid={`error-printer-${key}`}>
        <span>{e.text}</span>
        {e.detail ? <span class="field-error-detail">{e.detail}</span> : null}
      </div>
    ) : null;
  };

  return (
    <section class="card settings-printer" data-testid="printer-settings">
      <h2 class="section-title"><PrinterIcon size={18} /> {t("printer.title")}</h2>
      {loadError ? <ErrorBanner error={loadError} /> : null}
      {draft === null && !loadError ? <p class="muted">{t("common.loading")}</p> : null}
      {draft ? (
        <form class="printer-form" onSubmit={save} noValidate>
          <div class={`field printer-path ${errors.path ? "field-invalid" : ""}`}>
            <label class="field-label" for="f-printer-path">{t("printer.path")}</label>
            <input id="f-printer-path" class="input mono" data-testid="printer-path" value={draft.path} autocomplete="off"
              spellcheck={false} placeholder={t("printer.pathPlaceholder")} disabled={busy}
              onInput={(e) => change({ path: e.currentTarget.value })} />
            {fieldError("path") ?? <div class="field-hint">{t("printer.pathHint")}</div>}
            {draft.path.trim() === "" ? <div class="printer-none small" data-testid="printer-none">{t("printer.none")}</div> : null}
          </div>

          <div class={`field ${errors.paperMm ? "field-invalid" : ""}`}>
            <span class="field-label" id="printer-paper-label">{t("printer.paper")}</span>
            <div class="segmented" role="radiogroup" aria-labelledby="printer-paper-label" data-testid="printer-paper"
              data-selected={draft.paperMm}>
              {PAPERS.map((mm) => (
                <button key={mm} type="button" role="radio" aria-checked={draft.paperMm === mm} data-value={String(mm)}
                  class={`segment ${draft.paperMm === mm ? "active" : ""}`} disabled={busy} onClick={() => change({ paperMm: mm })}>
                  {t("printer.paperMm", { n: mm })}
                </button>
              ))}
            </div>
            {fieldError("paperMm")}
          </div>

          <div class={`field ${errors.lang ? "field-invalid" : ""}`}>
            <span class="field-label" id="printer-lang-label">{t("printer.lang")}</span>
            <div class="segmented" role="radiogroup" aria-labelledby="printer-lang-label" data-testid="printer-lang"
              data-selected={draft.lang}>
              {LANGS.map((l) => (
                <button key={l} type="button" role="radio" aria-checked={draft.lang === l} data-value={l}
                  class={`segment ${draft.lang === l ? "active" : ""}`} disabled={busy} onClick={() => change({ lang: l })}>
                  {t(`lang.${l}`)}
                </button>
              ))}
            </div>
            {fieldError("lang")}
          </div>

          <label class="checkbox printer-auto">
            <input type="checkbox" data-testid="printer-auto" checked={draft.autoPrint} disabled={busy}
              onChange={(e) => change({ autoPrint: e.currentTarget.checked })} />
            <span>{t("printer.auto")}</span>
          </label>
          {fieldError("autoPrint")}

          <div class="printer-actions">
            <button type="submit" class="btn btn-primary" data-testid="printer-save" disabled={busy}>{t("printer.save")}</button>
            {saved ? <span class="success-text printer-saved" role="status" data-testid="printer-saved">{t("printer.saved")}</span> : null}
          </div>
          {error ? <ErrorBanner error={error} testId="printer-error" /> : null}
        </form>
      ) : null}
    </section>
  );
}
