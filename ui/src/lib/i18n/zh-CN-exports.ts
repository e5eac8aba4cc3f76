// 简体中文: the exports part (issue 15). Same keys as en-exports.ts.
export const exportsZhCN = {
};
