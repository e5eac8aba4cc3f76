// The back office (管理): the owner's and managers' screens to set up and run the store —
// staff, the menu, plans and coupons, tiers, stock, hours and rooms, the records, and the
// store's data in and out (import, export, backups, members' data requests).
// A side menu of sections; each section is its own component under screens/admin/.
import type { ComponentType } from "preact";
import { useState } from "preact/hooks";
import { useI18n } from "../lib/i18n";
import { ADMIN_SECTIONS, can, type AdminSection } from "../lib/route";
import type { Permission } from "../lib/backend/bindings";
import type { AdminProps } from "./admin/props";
import { StaffAdmin } from "./admin/staff";
import { ServicesAdmin } from "./admin/services";
import { ProductsAdmin } from "./admin/products";
import { PlansAdmin } from "./admin/plans";
import { CouponsAdmin } from "./admin/coupons";
import { TiersAdmin } from "./admin/tiers";
import { StockAdmin } from "./admin/stock";
import { ScheduleAdmin } from "./admin/schedule";
import { AuditAdmin } from "./admin/audit";
import { ZReportsAdmin } from "./admin/zreports";
import { ImportAdmin } from "./admin/import";
import { ExportsAdmin } from "./admin/exports";
import { BackupsAdmin } from "./admin/backups";
import { PrivacyAdmin } from "./admin/privacy";
import { CampaignsAdmin } from "./admin/campaigns";
import { SegmentsAdmin } from "./admin/segments";
import { PointsAdmin } from "./admin/points";
import { CareAdmin } from "./admin/care";
import { ComplaintsAdmin } from "./admin/complaints";
import { GettingStarted } from "../components/getting-started";

const SECTIONS: Record<AdminSection, ComponentType<AdminProps>> = {
  staff: StaffAdmin,
  services: ServicesAdmin,
  products: ProductsAdmin,
  plans: PlansAdmin,
  coupons: CouponsAdmin,
  campaigns: CampaignsAdmin,
  segments: SegmentsAdmin,
  points: PointsAdmin,
  tiers: TiersAdmin,
  care: CareAdmin,
  complaints: ComplaintsAdmin,
  stock: StockAdmin,
  schedule: ScheduleAdmin,
  audit: AuditAdmin,
  zreports: ZReportsAdmin,
  import: ImportAdmin,
  exports: ExportsAdmin,
  backups: BackupsAdmin,
  privacy: PrivacyAdmin,
};

/** The permission each section needs (the core refuses the rest anyway: this only hides). */
const NEEDS: Record<AdminSection, Permission> = {
  staff: "manage_staff",
  services: "edit_catalog",
  products: "edit_catalog",
  plans: "edit_catalog",
  coupons: "edit_catalog",
  campaigns: "manage_campaigns",
  segments: "manage_campaigns",
  points: "adjust_points",
  tiers: "edit_tier_rules",
  care: "manage_care",
  complaints: "handle_complaints",
  stock: "manage_stock",
  schedule: "manage_schedule",
  audit: "view_records",
  zreports: "view_records",
  import: "import_data",
  exports: "export",
  backups: "manage_backups",
  privacy: "member_data_requests",
};

type Props = AdminProps & { section?: AdminSection };

export function Admin(props: Props) {
  const { t } = useI18n();
  const allowed = ADMIN_SECTIONS.filter((s) => can(props.session, NEEDS[s]));
  const section = props.section && allowed.includes(props.section) ? props.section : allowed[0] ?? "staff";
  const Section = SECTIONS[section];
  // A section's confirmation ("Saved") means the store changed: "Getting started" reads again.
  const [changes, setChanges] = useState(0);
  const notify = (text: string) => {
    setChanges((n) => n + 1);
    props.notify(text);
  };
  return (
    <main class="screen admin">
      <nav class="admin-menu" aria-label={t("admin.title")}>
        <h1 class="admin-title">{t("admin.title")}</h1>
        {allowed.map((s) => (
          <button key={s} type="button" class={`admin-menu-item ${s === section ? "active" : ""}`}
            data-testid={`admin-${s}`} aria-current={s === section ? "page" : undefined}
            onClick={() => props.onNavigate({ name: "admin", section: s })}>
            {t(`admin.section.${s}`)}
          </button>
        ))}
      </nav>
      <div class="admin-body" data-testid="admin-body" data-section={section}>
        <GettingStarted onNavigate={props.onNavigate} section={section} changes={changes} />
        <Section session={props.session} onNavigate={props.onNavigate} notify={notify} />
      </div>
    </main>
  );
}
