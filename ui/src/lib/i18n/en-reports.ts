// Reports (issue 18): the frame, sales and staff. Member, campaign and stock reports are in
// en-report-members.ts, the chain console in en-chain.ts.
export const reportsEn = {
  "reports.nav": "Reports",
  "reports.title": "Reports",
  "reports.tab.sales": "Sales",
  "reports.tab.staff": "Staff",
  "reports.tab.members": "Members",
  "reports.tab.campaigns": "Campaigns",
  "reports.tab.stock": "Stock",
  "reports.tab.chain": "Chain",
} as const;
