// The screens of a signed-in desk, loaded after the login screen (issue 16, cold start): the
// first paint needs only the shell, the login and the first-run screens; these and their styles
// arrive as a second chunk (lib/desk-screens.ts), fetched once the login screen is up.
import "../styles/approval.css";
import "../styles/sales.css";
import "../styles/checkout.css";
import "../styles/admin.css";
import "../styles/stock.css";
import "../styles/catalog.css";
import "../styles/tiers.css";
import "../styles/records.css";
import "../styles/perms.css";
import "../styles/exports.css";
import "../styles/privacy.css";
import "../styles/care.css";
import "../styles/reports.css";
import "../styles/campaigns.css";

export { MemberLookup } from "./member-lookup";
export { MemberProfile } from "./member-profile";
export { MemberForm } from "./member-form";
export { Settings } from "./settings";
export { Shift } from "./shift";
export { Checkout } from "./checkout";
export { Sales } from "./sales";
export { Appointments } from "./appointments";
export { Conflicts } from "./conflicts";
export { Admin } from "./admin";
export { Care } from "./care";
export { Reports } from "./reports";
