// 报表（issue 18）连锁视图：销售已到总部、但店主控制台尚未列出名称的门店，按其在列表中的序号显示。
// 与 en-rchain.ts 键相同。
export const rchainZhCN = {
  "rchain.storeNo": "门店 {n}",
} as const;
