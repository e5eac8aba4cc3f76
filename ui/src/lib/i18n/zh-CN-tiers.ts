// 管理后台 tiers 部分的文字，键与 en-tiers.ts 相同。
import type { tiersEn } from "./en-tiers";

export const tiersZhCN: { readonly [K in keyof typeof tiersEn]: string } = {
};
