// 管理后台 stock 部分的文字，键与 en-stock.ts 相同。
import type { stockEn } from "./en-stock";

export const stockZhCN: { readonly [K in keyof typeof stockEn]: string } = {
};
