// English text of the back office's frame (its menu). Each section's own text is in its
// file: en-staff-admin.ts, en-catalog.ts, en-tiers.ts, en-stock.ts, en-records.ts, en-perms.ts.
export const adminEn = {
  "nav.admin": "Back office",
  "admin.title": "Back office",
  "admin.section.staff": "Staff and permissions",
  "admin.section.services": "Services",
  "admin.section.products": "Products",
  "admin.section.plans": "Top-up and package plans",
  "admin.section.coupons": "Coupons",
  "admin.section.tiers": "Membership tiers",
  "admin.section.stock": "Stock",
  "admin.section.schedule": "Hours, days off and rooms",
  "admin.section.audit": "Audit log",
  "admin.section.zreports": "Past day-end reports",
  "admin.section.import": "Import",
  "admin.section.exports": "Export data",
  "admin.section.backups": "Backups",
  "admin.section.privacy": "Members' data requests",
} as const;
