// English text of the back office's staff part. zh-CN-staff-admin.ts has the same keys.
export const staffAdminEn = {
} as const;
