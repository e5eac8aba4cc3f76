// English text of the campaigns part (issue 17). zh-CN-campaigns.ts has the same keys.
export const campaignsEn = {
};
