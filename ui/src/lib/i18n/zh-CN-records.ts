// 管理后台 records 部分的文字，键与 en-records.ts 相同。
import type { recordsEn } from "./en-records";

export const recordsZhCN: { readonly [K in keyof typeof recordsEn]: string } = {
};
