// English text of the back office's stock part. zh-CN-stock.ts has the same keys.
export const stockEn = {
} as const;
