// English text of the back office's catalog part. zh-CN-catalog.ts has the same keys.
export const catalogEn = {
} as const;
