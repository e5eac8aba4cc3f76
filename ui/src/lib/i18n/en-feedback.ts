// English text of the feedback part (issue 17). zh-CN-feedback.ts has the same keys.
export const feedbackEn = {
};
