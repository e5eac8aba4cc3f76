// English text of the back office's perms part. zh-CN-perms.ts has the same keys.
export const permsEn = {
} as const;
