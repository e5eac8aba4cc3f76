// 17 号议题补充部分的中文文案（营销短信、活动会员价），与 en-left17.ts 同键。
export const left17ZhCN = {
  "left17.offerKind.memberPrice": "指定项目会员价",
  "left17.offer.memberPrice": "会员价（{count}个项目）",
  "left17.memberPrice.title": "项目及会员价",
  "left17.memberPrice.service": "服务项目",
  "left17.memberPrice.chooseService": "选择服务项目",
  "left17.memberPrice.price": "会员价",
  "left17.memberPrice.menuPrice": "原价 {price}",
  "left17.memberPrice.remove": "移除",
  "left17.memberPrice.add": "添加项目",
  "left17.memberPrice.error": "每个项目只能选一次，会员价须低于原价",
  "left17.r.messagesSent": "已发送短信",
  "left17.r.memberPriceDiscount": "其中会员价优惠",
  "left17.cart.memberPrice": "活动会员价",
} as const;
