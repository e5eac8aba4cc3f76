// English text of the segments part (issue 17). zh-CN-segments.ts has the same keys.
export const segmentsEn = {
};
