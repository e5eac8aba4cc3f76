// English text of the backups part (issue 15). zh-CN-backups.ts has the same keys.
export const backupsEn = {
};
