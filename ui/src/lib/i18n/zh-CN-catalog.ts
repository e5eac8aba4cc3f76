// 管理后台 catalog 部分的文字，键与 en-catalog.ts 相同。
import type { catalogEn } from "./en-catalog";

export const catalogZhCN: { readonly [K in keyof typeof catalogEn]: string } = {
};
