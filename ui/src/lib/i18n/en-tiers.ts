// English text of the back office's tiers part. zh-CN-tiers.ts has the same keys.
export const tiersEn = {
} as const;
