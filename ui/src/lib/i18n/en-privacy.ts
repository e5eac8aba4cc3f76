// English text of the privacy part (issue 15). zh-CN-privacy.ts has the same keys.
export const privacyEn = {
};
