// English text of updates from the chain's server (Settings → About). Spread into en.ts;
// zh-CN-updates.ts has the same keys.
export const updatesEn = {
  "error.sale_open": "A sale is open: finish or clear it first, then install.",
  "updates.ready": "Version {version} is ready — install at closing?",
  "updates.readyBody": "It was downloaded from your chain's server and its signature checked. Installing closes SalonDesk for about a minute; nothing in the store is lost.",
  "updates.install": "Install now",
  "updates.later": "Later",
  "updates.upToDate": "Up to date (checked {when})",
  "updates.notChecked": "Not checked yet",
  "updates.problem.not_enrolled": "Updates come from your chain's server: this till is not in a chain",
  "updates.problem.not_https": "Updates need the chain's server on an https:// address",
  "updates.problem.sale_open": "Waiting: a sale is open",
  "updates.problem.offline": "The server could not be reached: this version keeps working, and it asks again later",
  "updates.problem.bad_signature": "An update was offered but its signature did not match your chain's key: it was not installed",
  "updates.problem.failed": "The last check did not complete: it asks again later",
  "updates.status": "Updates",
} as const;
