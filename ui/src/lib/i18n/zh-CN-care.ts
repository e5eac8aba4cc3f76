// 简体中文: the care part (issue 17). Same keys as en-care.ts.
export const careZhCN = {
};
