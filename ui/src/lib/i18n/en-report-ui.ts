// Reports (issue 18), the screens' finishing: the KPI cards' change words, the "this store only"
// notes of the stock and campaign reports on a head-office device.
export const reportUiEn = {
  "reportUi.change.percent": "{change}%",
  "reportUi.change.points": "{change} pts",
  "reportUi.ownStoreOnly.stock":
    "This store only: stock is each store's own record, and this device receives the other stores' sales, not their stock. Shown: {store}.",
  "reportUi.ownStoreOnly.campaigns":
    "This store only: campaigns and coupon use are each store's own records, and this device receives the other stores' sales, not their campaigns. Shown: {store}.",
} as const;
