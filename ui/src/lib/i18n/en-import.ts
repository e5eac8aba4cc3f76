// English text of the import part (issue 15). zh-CN-import.ts has the same keys.
export const importDataEn = {
};
