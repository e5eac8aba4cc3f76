// 报表界面的收尾文案（issue 18）：指标卡的涨跌写法，总部设备上库存与营销报表的“仅本店”说明。
// 与 en-report-ui.ts 键相同。
export const reportUiZhCN = {
  "reportUi.change.percent": "{change}%",
  "reportUi.change.points": "{change}个百分点",
  "reportUi.ownStoreOnly.stock": "仅本店数据：库存由各门店各自记录，本机只接收其他门店的销售，不接收其库存。以下为{store}的库存。",
  "reportUi.ownStoreOnly.campaigns": "仅本店数据：营销活动与用券由各门店各自记录，本机只接收其他门店的销售，不接收其活动。以下为{store}的活动。",
} as const;
