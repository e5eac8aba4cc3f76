// 简体中文: the chain owner's console (issue 18). Same keys as en-chain.ts.
export const chainZhCN = {
};
