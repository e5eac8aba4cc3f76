// Merge this member into another: find the one to keep, confirm, merge.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, MemberHit, MemberView } from "../lib/backend/bindings";
import { mergeMembers } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "../components/dialog";
import { ErrorBanner } from "../components/error-banner";
import { MemberPicker } from "../components/member-picker";
import { TierBadge } from "../components/tier-badge";

type Props = {
  member: MemberView;
  onClose: () => void;
  onMerged: (survivor: MemberView) => void;
};

export function MergeDialog(props: Props) {
  const { t } = useI18n();
  const { member } = props;
  const [target, setTarget] = useState<MemberHit | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);

  // The picker that had focus is gone once a member is picked; the next step is to confirm.
  useEffect(() => {
    if (target) confirm.current?.focus();
  }, [target]);

  const merge = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      props.onMerged(await mergeMembers(target.id, member.id));
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("profile.mergeTitle", { name: member.name })} onClose={props.onClose} testId="merge-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button ref={confirm} type="button" class="btn btn-danger" data-testid="merge-confirm"
          disabled={!target || busy} onClick={() => void merge()}>{t("profile.mergeAction")}</button>
      </>}>
      {target ? (
        <div class="merge-confirm">
          <div class="merge-pair">
            <div class="merge-card">
              <span class="merge-caption">{t("profile.mergeClosed")}</span>
              <strong>{member.name}</strong>
              <span class="mono muted">{member.memberNo}</span>
              <TierBadge tier={member.tier} />
            </div>
            <span class="merge-arrow" aria-hidden="true">→</span>
            <div class="merge-card merge-card-keep" data-testid="merge-target" data-member-id={target.id}>
              <span class="merge-caption">{t("profile.mergeKept")}</span>
              <strong>{target.name}</strong>
              <span class="mono muted">{target.memberNo}</span>
              <TierBadge tier={target.tier} />
            </div>
          </div>
          <p>{t("profile.mergeConfirm", {
            merged: member.name, mergedNo: member.memberNo, survivor: target.name, survivorNo: target.memberNo,
          })}</p>
          <button type="button" class="link-button" onClick={() => setTarget(null)}>{t("profile.mergeRepick")}</button>
        </div>
      ) : (
        <>
          <p class="muted">{t("profile.mergePick")}</p>
          <MemberPicker id="merge-target" excludeId={member.id} placeholder={t("lookup.hint")} onPick={setTarget} autoFocus />
        </>
      )}
      {error ? <ErrorBanner error={error} testId="merge-error" /> : null}
    </Dialog>
  );
}
