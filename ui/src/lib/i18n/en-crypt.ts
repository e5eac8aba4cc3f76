// English text of the crypt part (issue 15). zh-CN-crypt.ts has the same keys.
export const cryptEn = {
};
