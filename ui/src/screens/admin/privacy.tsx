// Back office → Members' data requests (PIPL): find the member who asked, then export
// everything held about her (the core writes one JSON file into the data folder's exports/,
// shown here) or erase her — after a confirmation that says plainly what goes and what stays
// and asks for her name or her phone's last four digits (the core checks them too).
import { useState } from "preact/hooks";
import type { ApiError, MemberHit } from "../../lib/backend/bindings";
import { eraseMember, exportMemberData } from "../../lib/backend/commands-privacy";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { MemberPicker } from "../../components/member-picker";
import { ErrorBanner } from "../../components/error-banner";
import { Dialog } from "../../components/dialog";
import { Field } from "../../components/field";
import { TierBadge } from "../../components/tier-badge";
import type { AdminProps } from "./props";

export function PrivacyAdmin(props: AdminProps) {
  const { t } = useI18n();
  const [member, setMember] = useState<MemberHit | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<"export" | "erase" | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [erased, setErased] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const pick = (hit: MemberHit) => {
    setMember(hit);
    setError(null);
    setExported(null);
    setErased(false);
  };

  const exportData = async () => {
    if (!member) return;
    setBusy("export");
    setError(null);
    try {
      setExported((await exportMemberData(member.id)).path);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  const erase = async () => {
    if (!member) return;
    setBusy("erase");
    setConfirmError(null);
    try {
      await eraseMember(member.id, typed);
      setConfirming(false);
      setErased(true);
      setExported(null);
      props.notify(t("privacy.erased"));
    } catch (reason) {
      const e = toApiError(reason);
      // Bad confirmation: said on the field, and what she typed stays.
      if (e.code === "validation" && e.field === "confirm") setConfirmError(t("privacy.confirmWrong"));
      else {
        setError(e);
        setConfirming(false);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card privacy-admin" data-testid="privacy-admin">
      <h2 class="section-title">{t("admin.section.privacy")}</h2>
      <p class="muted">{t("privacy.intro")}</p>
      {member === null ? (
        <div class="field field-wide">
          <label class="field-label" for="f-privacy-find">{t("privacy.find")}</label>
          <MemberPicker id="privacy-find" onPick={pick} placeholder={t("privacy.findPlaceholder")} autoFocus
            testId="privacy-search" />
        </div>
      ) : (
        <div class="privacy-member" data-testid="privacy-member" data-member-id={member.id}>
          <div class="privacy-who">
            <strong data-testid="privacy-member-name">{member.name}</strong>
            <TierBadge tier={member.tier} />
            <span class="mono muted">{member.phone}</span>
            <span class="muted">{t("privacy.memberNo", { no: member.memberNo })}</span>
            <button type="button" class="btn btn-ghost" data-testid="privacy-change"
              onClick={() => { setMember(null); setExported(null); setErased(false); setError(null); }}>
              {t("privacy.change")}
            </button>
          </div>
          {erased ? (
            <div class="banner" role="status" data-testid="privacy-erased">{t("privacy.erased")}</div>
          ) : (
            <div class="privacy-actions">
              <div class="privacy-action">
                <button type="button" class="btn btn-primary" data-testid="privacy-export" disabled={busy !== null}
                  onClick={() => void exportData()}>
                  {busy === "export" ? t("privacy.exporting") : t("privacy.export")}
                </button>
                <p class="muted small">{t("privacy.exportWhat")}</p>
              </div>
              <div class="privacy-action">
                <button type="button" class="btn btn-danger-outline" data-testid="privacy-erase" disabled={busy !== null}
                  onClick={() => { setTyped(""); setConfirmError(null); setConfirming(true); }}>
                  {t("privacy.erase")}
                </button>
                <p class="muted small">{t("privacy.eraseWhat")}</p>
              </div>
            </div>
          )}
        </div>
      )}
      {exported ? (
        <div class="banner records-exported" role="status" data-testid="privacy-exported">
          <div>
            <div data-testid="privacy-exported-path">{t("privacy.exported", { path: exported })}</div>
            <div class="banner-detail">{t("privacy.exportWhere")}</div>
          </div>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} testId="privacy-error" /> : null}
      {confirming && member ? (
        <Dialog title={t("privacy.eraseTitle", { name: member.name })} onClose={() => setConfirming(false)}
          testId="privacy-erase-dialog" wide
          actions={<>
            <button type="button" class="btn btn-secondary" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
            <button type="button" class="btn btn-danger" data-testid="privacy-erase-confirm"
              disabled={busy !== null || typed.trim() === ""} onClick={() => void erase()}>
              {busy === "erase" ? t("privacy.erasing") : t("privacy.eraseConfirm")}
            </button>
          </>}>
          <div class="privacy-what">
            <div>
              <h3 class="field-label">{t("privacy.goes")}</h3>
              <p>{t("privacy.goesList")}</p>
            </div>
            <div>
              <h3 class="field-label">{t("privacy.stays")}</h3>
              <p>{t("privacy.staysList")}</p>
            </div>
          </div>
          <Field id="privacy-confirm" label={t("privacy.confirmLabel")} wide
            error={confirmError ? { text: confirmError } : undefined}>
            <input id="f-privacy-confirm" class="input" data-testid="privacy-confirm" value={typed} autocomplete="off"
              data-autofocus aria-invalid={confirmError !== null}
              onInput={(e) => { setTyped(e.currentTarget.value); setConfirmError(null); }}
              onKeyDown={(e) => { if (e.key === "Enter" && typed.trim() !== "") void erase(); }} />
          </Field>
        </Dialog>
      ) : null}
    </section>
  );
}
