// English text of the exports part (issue 15). zh-CN-exports.ts has the same keys.
export const exportsEn = {
};
