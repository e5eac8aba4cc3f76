// 简体中文: the import part (issue 15). Same keys as en-import.ts.
export const importDataZhCN = {
};
