// 17 号议题补充部分的中文文案（营销短信、活动会员价），与 en-campaign-offers.ts 同键。
export const campaignOffersZhCN = {
  "campaignOffer.offerKind.memberPrice": "指定项目会员价",
  "campaignOffer.offer.memberPrice": "会员价（{count}个项目）",
  "campaignOffer.memberPrice.title": "项目及会员价",
  "campaignOffer.memberPrice.service": "服务项目",
  "campaignOffer.memberPrice.chooseService": "选择服务项目",
  "campaignOffer.memberPrice.price": "会员价",
  "campaignOffer.memberPrice.menuPrice": "原价 {price}",
  "campaignOffer.memberPrice.remove": "移除",
  "campaignOffer.memberPrice.add": "添加项目",
  "campaignOffer.memberPrice.error": "每个项目只能选一次，会员价须低于原价",
  "campaignOffer.r.messagesSent": "已发送短信",
  "campaignOffer.r.memberPriceDiscount": "其中会员价优惠",
  "campaignOffer.cart.memberPrice": "活动会员价",
} as const;
