// 管理后台 perms 部分的文字，键与 en-perms.ts 相同。
import type { permsEn } from "./en-perms";

export const permsZhCN: { readonly [K in keyof typeof permsEn]: string } = {
};
