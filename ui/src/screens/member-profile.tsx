// One member's record: contact, profile and (marked) sensitive information, with the actions
// a desk needs: edit, archive and merge (owner/manager), back to lookup with Esc.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, MemberView, Session } from "../lib/backend/bindings";
import { archiveMember, getMember } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { withNotes } from "../lib/backend/commands-perms";
import { SensitiveReveal } from "../components/sensitive-reveal";
import { ErrorBanner } from "../components/error-banner";
import { Dialog } from "../components/dialog";
import { Kbd } from "../components/kbd";
import { TierBadge } from "../components/tier-badge";
import { ArchiveIcon, BackIcon, EditIcon, LockIcon, MergeIcon } from "../components/icons";
import { MergeDialog } from "./merge-dialog";
import { TierDialog } from "../components/tier-dialog";
import { TierProgressPanel } from "../components/tier-progress";
import { BalanceStats, MemberMoneyCards, useMemberMoney } from "../components/member-balances";
import { CashierIcon } from "../components/sales-icons";
import { ConsentHistory } from "../components/consent-history";
import { MemberComplaints } from "../components/member-complaints";
import { MemberPoints } from "../components/member-points";
import { MemberValue } from "../components/member-value";

type Props = {
  session: Session;
  id: string;
  onNavigate: (route: Route) => void;
  notify: (text: string) => void;
};

function Row(props: { label: string; children: ComponentChildren; testId?: string }) {
  return (
    <div class="kv">
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </div>
  );
}

export function MemberProfile(props: Props) {
  const { t, date } = useI18n();
  const [member, setMember] = useState<MemberView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [dialog, setDialog] = useState<"archive" | "merge" | "tier" | null>(null);
  const [busy, setBusy] = useState(false);
  const mayTier = can(props.session, "edit_tier_rules");
  const mayMerge = can(props.session, "merge_members");
  const mayArchive = can(props.session, "archive_member");
  const memberMoney = useMemberMoney(props.id, member !== null && !member.archived);

  useEffect(() => {
    setMember(null);
    setError(null);
    getMember(props.id).then(setMember, (reason: unknown) => setError(toApiError(reason)));
  }, [props.id]);

  const latest = useRef({ dialog, props, member });
  latest.current = { dialog, props, member };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { dialog: open, props: p, member: m } = latest.current;
      if (open || e.defaultPrevented) return;
      if (e.key === "Escape") p.onNavigate({ name: "lookup" });
      else if (e.key === "F4" && m && !m.archived && !m.erased) {
        e.preventDefault();
        p.onNavigate({ name: "edit", id: m.id });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const archive = async () => {
    if (!member) return;
    setBusy(true);
    try {
      await archiveMember(member.id);
      props.notify(t("lookup.archived", { name: member.name }));
      props.onNavigate({ name: "lookup" });
    } catch (reason) {
      setError(toApiError(reason));
      setDialog(null);
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <button type="button" class="btn btn-ghost" data-testid="back-to-lookup" onClick={() => props.onNavigate({ name: "lookup" })}>
      <BackIcon /> {t("profile.back")} <Kbd keys="Esc" />
    </button>
  );

  if (!member) {
    return <main class="screen profile"><div class="profile-top">{back}</div>{error ? <ErrorBanner error={error} /> : <p class="muted">{t("common.loading")}</p>}</main>;
  }

  // An archived or erased record is kept for the sums only: nothing is done to it any more.
  const locked = member.archived || member.erased;
  const none = <span class="muted">{t("common.none")}</span>;
  const or = (value: string | null) => (value ? value : none);
  return (
    <main class="screen profile" data-testid="member-profile" data-member-id={member.id} data-archived={member.archived}>
      <div class="profile-top">{back}</div>
      {error ? <ErrorBanner error={error} /> : null}
      {member.archived ? <div class="banner banner-warn">{t("profile.archivedBanner")}</div> : null}

      <section class="card profile-head">
        <div class="avatar avatar-large" aria-hidden="true">{[...member.name][0]}</div>
        <div class="profile-id">
          <div class="profile-title">
            <h1 data-testid="profile-name">{member.name}</h1>
            <TierBadge tier={member.tier} testId="profile-tier" large />
            <MemberValue memberId={member.id} />
          </div>
          <div class="profile-sub mono">
            <span data-testid="profile-phone">{member.phone}</span>
            <span class="dot" aria-hidden="true">·</span>
            <span data-testid="profile-member-no">{member.memberNo}</span>
          </div>
          {member.archived ? null : <TierProgressPanel memberId={member.id} tick={member.tier} compact />}
        </div>
        <dl class="stats">
          <div><dt>{t("profile.visits")}</dt><dd data-testid="profile-visits">{member.visitCount}</dd></div>
          <div><dt>{t("profile.lastVisit")}</dt><dd>{member.lastVisitAt ? date(member.lastVisitAt) : none}</dd></div>
          <div><dt>{t("profile.registered")}</dt><dd>{date(member.registeredAt)}</dd></div>
          {member.archived ? null : <BalanceStats money={memberMoney} />}
        </dl>
      </section>

      <div class="profile-actions">
        <button type="button" class="btn btn-primary" data-testid="profile-checkout" disabled={locked}
          onClick={() => props.onNavigate({ name: "checkout", memberId: member.id })}>
          <CashierIcon /> {t("profile.checkout")}
        </button>
        <button type="button" class="btn btn-secondary" data-testid="edit-member" disabled={locked}
          onClick={() => props.onNavigate({ name: "edit", id: member.id })}>
          <EditIcon /> {t("profile.edit")} <Kbd keys="F4" />
        </button>
        {mayTier ? (
          <button type="button" class="btn btn-secondary" data-testid="profile-set-tier" disabled={locked}
            onClick={() => setDialog("tier")}>{t("tierDialog.open")}</button>
        ) : null}
        {mayMerge ? (
          <button type="button" class="btn btn-secondary" data-testid="merge-member" disabled={locked}
            onClick={() => setDialog("merge")}><MergeIcon /> {t("profile.merge")}</button>
        ) : null}
        {mayArchive ? (
          <button type="button" class="btn btn-danger-outline" data-testid="archive-member" disabled={locked}
            onClick={() => setDialog("archive")}><ArchiveIcon /> {t("profile.archive")}</button>
        ) : null}
      </div>

      <div class="profile-grid">
        <section class="card">
          <h2 class="section-title">{t("profile.contact")}</h2>
          <dl>
            <Row label={t("field.phone")}><span class="mono">{member.phone}</span></Row>
            <Row label={t("field.region")}>{or(member.region)}</Row>
            <Row label={t("field.consent")} testId="profile-consent">{member.consentMarketing ? t("profile.consentYes") : t("profile.consentNo")}</Row>
          </dl>
          <ConsentHistory memberId={member.id} consent={member.consentMarketing}
            mayEdit={!locked && can(props.session, "edit_member")}
            onChanged={(consentMarketing) => {
              setMember({ ...member, consentMarketing });
              props.notify(t("privacy.consent.saved"));
            }} />
        </section>
        <section class="card">
          <h2 class="section-title">{t("profile.profile")}</h2>
          <dl>
            <Row label={t("field.gender")}>{member.gender ? t(`gender.${member.gender}`) : none}</Row>
            <Row label={t("field.birthday")}>{member.birthday ? date(member.birthday) : none}</Row>
            <Row label={t("field.preferredStaff")}>{or(member.preferredStaffName)}</Row>
            <Row label={t("field.source")}>{or(member.source)}</Row>
            <Row label={t("field.referrer")}>
              {member.referrerId ? (
                <button type="button" class="link-button"
                  onClick={() => props.onNavigate({ name: "profile", id: member.referrerId as string })}>
                  {member.referrerName ?? member.referrerId}
                </button>
              ) : none}
            </Row>
            <Row label={t("field.tags")}>
              {member.tags.length > 0 ? <span class="chip-row">{member.tags.map((tag) => <span key={tag} class="chip">{tag}</span>)}</span> : none}
            </Row>
          </dl>
        </section>
        <section class="card sensitive" aria-label={t("profile.sensitive")}>
          <h2 class="section-title"><LockIcon size={18} /> {t("profile.sensitive")}</h2>
          <p class="muted small">{t("profile.sensitiveNote")}</p>
          {member.sensitiveHidden ? (
            <SensitiveReveal memberId={member.id} onRevealed={(n) => setMember(withNotes(member, n))} />
          ) : (
            <dl>
              <Row label={t("field.skinType")} testId="profile-skin-type">{member.skinType ? t(`skin.${member.skinType}`) : none}</Row>
              <Row label={t("field.allergies")} testId="profile-allergies">
                {member.allergies ? <strong class="allergy">{member.allergies}</strong> : none}
              </Row>
              <Row label={t("field.notes")} testId="profile-notes"><span class="pre">{or(member.notes)}</span></Row>
            </dl>
          )}
        </section>
      </div>

      {member.archived ? null : <MemberMoneyCards money={memberMoney} member={member} onNavigate={props.onNavigate} />}
      <MemberComplaints memberId={member.id} archived={member.archived} notify={props.notify} />
      <MemberPoints memberId={member.id} session={props.session} archived={member.archived} notify={props.notify} />

      {dialog === "archive" ? (
        <Dialog title={t("profile.archiveTitle", { name: member.name })} onClose={() => setDialog(null)} testId="archive-dialog"
          actions={<>
            <button type="button" class="btn btn-secondary" onClick={() => setDialog(null)}>{t("common.cancel")}</button>
            <button type="button" class="btn btn-danger" data-testid="archive-confirm" data-autofocus disabled={busy}
              onClick={() => void archive()}>{t("profile.archive")}</button>
          </>}>
          <p>{t("profile.archiveBody")}</p>
        </Dialog>
      ) : null}
      {dialog === "tier" ? (
        <TierDialog member={member} onClose={() => setDialog(null)}
          onChanged={(tier) => {
            setDialog(null);
            setMember({ ...member, tier });
            props.notify(t("tierDialog.saved", { name: member.name, tier: t(`tier.${tier}`) }));
          }} />
      ) : null}
      {dialog === "merge" ? (
        <MergeDialog member={member} onClose={() => setDialog(null)}
          onMerged={(survivor) => {
            props.notify(t("profile.mergeDone", { merged: member.name, survivor: survivor.name }));
            props.onNavigate({ name: "profile", id: survivor.id });
          }} />
      ) : null}
    </main>
  );
}
