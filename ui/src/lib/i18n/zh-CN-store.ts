// 会员等级（手动调整、变更记录）与店主的门店设置（积分、小票抬头与页脚）。
import type { storeEn } from "./en-store";

export const storeZhCN: { readonly [K in keyof typeof storeEn]: string } = {
  "tierDialog.open": "调整等级",
  "tierDialog.title": "调整 {name} 的会员等级",
  "tierDialog.tier": "新等级",
  "tierDialog.reason": "原因",
  "tierDialog.reasonHint": "记入等级变更记录，如：购买金卡",
  "tierDialog.save": "确认调整",
  "tierDialog.saved": "{name} 已调整为{tier}",
  "tierDialog.history": "等级变更记录",
  "tierDialog.noHistory": "暂无等级变更",
  "tierDialog.change": "{from} → {to}",
  "tierDialog.reasonRequired": "请填写调整原因",

  "store.title": "门店与会员设置",
  "store.ownerOnly": "仅店主可修改以下设置。",
  "store.points": "积分与小票",
  "store.pointValue": "1 积分抵扣（分）",
  "store.pointsPerYuan": "每消费 ¥1 得积分",
  "store.birthdayMultiplier": "生日月积分 %",
  "store.payOutLimit": "收银员取出现金上限（¥）",
  "store.payOutLimitHint": "超过此金额从钱箱取出现金需店长 PIN 授权（0：每次都需要）",
  "store.referralPoints": "推荐新会员得积分",
  "store.expiryYears": "积分有效期（年）",
  "store.expiryHint": "获得积分后第 N 年年底过期",
  "store.storeName": "门店名称（小票抬头）",
  "store.storeAddress": "地址",
  "store.storePhone": "电话",
  "store.footer": "小票页脚",
  "store.saveSettings": "保存设置",
  "store.settingsSaved": "设置已保存",
  "store.invalid": "请检查此项",

  "z.printReport": "用小票打印机打印",
  "z.printed": "已打印到 {target}",
  "z.printFailed": "未打印：{error}",
};
