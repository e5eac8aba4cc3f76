// 简体中文: the campaigns part (issue 17). Same keys as en-campaigns.ts.
export const campaignsZhCN = {
};
