// 简体中文: the crypt part (issue 15). Same keys as en-crypt.ts.
export const cryptZhCN = {
};
