// English text of the care part (issue 17). zh-CN-care.ts has the same keys.
export const careEn = {
};
