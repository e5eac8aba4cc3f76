// 报表界面的收尾文案（issue 18）：指标卡的涨跌写法，总部设备上库存与营销报表的“仅本店”说明。
// 与 en-report-ui.ts 键相同。
export const reportUiZhCN = {
  "reportUi.change.percent": "{change}%",
  "reportUi.change.points": "{change}个百分点",
} as const;
