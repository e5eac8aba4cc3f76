// 简体中文: member, campaign and stock reports (issue 18). Same keys as en-report-members.ts.
export const reportMembersZhCN = {
};
