// English text of campaign offers and messages (the member-price offer, campaign messages).
// zh-CN-campaign-offers.ts has the same keys.
export const campaignOffersEn = {
  "campaignOffer.offerKind.memberPrice": "A member price for some services",
  "campaignOffer.offer.memberPrice": "Member price, {count} services",
  "campaignOffer.memberPrice.title": "Services and their member price",
  "campaignOffer.memberPrice.service": "Service",
  "campaignOffer.memberPrice.chooseService": "Choose a service",
  "campaignOffer.memberPrice.price": "Member price",
  "campaignOffer.memberPrice.menuPrice": "Menu price {price}",
  "campaignOffer.memberPrice.remove": "Remove",
  "campaignOffer.memberPrice.add": "Add a service",
  "campaignOffer.memberPrice.error": "Choose each service once and a member price below its menu price",
  "campaignOffer.r.messagesSent": "Messages sent",
  "campaignOffer.r.memberPriceDiscount": "Of which member prices",
  "campaignOffer.cart.memberPrice": "Campaign member price",
} as const;
