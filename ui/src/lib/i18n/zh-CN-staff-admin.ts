// 管理后台 staff 部分的文字，键与 en-staff-admin.ts 相同。
import type { staffAdminEn } from "./en-staff-admin";

export const staffAdminZhCN: { readonly [K in keyof typeof staffAdminEn]: string } = {
};
