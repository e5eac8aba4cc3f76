// English text of the back office's records part. zh-CN-records.ts has the same keys.
export const recordsEn = {
} as const;
