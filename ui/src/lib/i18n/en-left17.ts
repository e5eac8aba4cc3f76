// English text of issue 17's leftovers (campaign messages, the member-price offer).
// zh-CN-left17.ts has the same keys.
export const left17En = {
  "left17.offerKind.memberPrice": "A member price for some services",
  "left17.offer.memberPrice": "Member price, {count} services",
  "left17.memberPrice.title": "Services and their member price",
  "left17.memberPrice.service": "Service",
  "left17.memberPrice.chooseService": "Choose a service",
  "left17.memberPrice.price": "Member price",
  "left17.memberPrice.menuPrice": "Menu price {price}",
  "left17.memberPrice.remove": "Remove",
  "left17.memberPrice.add": "Add a service",
  "left17.memberPrice.error": "Choose each service once and a member price below its menu price",
  "left17.r.messagesSent": "Messages sent",
  "left17.r.memberPriceDiscount": "Of which member prices",
  "left17.cart.memberPrice": "Campaign member price",
} as const;
