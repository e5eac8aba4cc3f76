// 简体中文: the backups part (issue 15). Same keys as en-backups.ts.
export const backupsZhCN = {
};
