// 报表（issue 18）：框架、销售、员工业绩。会员、活动、库存报表见 zh-CN-report-members.ts，
// 连锁管理见 zh-CN-chain.ts。
import type { reportsEn } from "./en-reports";

export const reportsZhCN: Record<keyof typeof reportsEn, string> = {
  "reports.nav": "报表",
  "reports.title": "经营报表",
  "reports.tab.sales": "销售",
  "reports.tab.staff": "员工业绩",
  "reports.tab.members": "会员",
  "reports.tab.campaigns": "活动",
  "reports.tab.stock": "库存",
  "reports.tab.chain": "连锁",
};
