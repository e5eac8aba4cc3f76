// Reports (issue 18), the screens' finishing: the KPI cards' change words, the "this store only"
// notes of the stock and campaign reports on a head-office device.
export const reportUiEn = {
  "reportUi.change.percent": "{change}%",
  "reportUi.change.points": "{change} pts",
} as const;
