// 简体中文: the segments part (issue 17). Same keys as en-segments.ts.
export const segmentsZhCN = {
};
