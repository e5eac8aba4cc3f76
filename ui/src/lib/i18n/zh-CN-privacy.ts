// 简体中文: the privacy part (issue 15). Same keys as en-privacy.ts.
export const privacyZhCN = {
};
