// English text of member, campaign and stock reports (issue 18). zh-CN-report-members.ts has the same keys.
export const reportMembersEn = {
} as const;
