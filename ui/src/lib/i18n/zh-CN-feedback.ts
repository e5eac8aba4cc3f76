// 简体中文: the feedback part (issue 17). Same keys as en-feedback.ts.
export const feedbackZhCN = {
};
