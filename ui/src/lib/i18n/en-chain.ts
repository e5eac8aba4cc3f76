// English text of the chain owner's console (issue 18). zh-CN-chain.ts has the same keys.
export const chainEn = {
} as const;
