// The demo catalog of the in-browser mock backend (as the core seeds it:
// crates/salondesk-core/src/seed/catalog.rs): services, products, top-up and package plans,
// coupons, stock as moves, the store's date, and the catalog search the checkout grid shows.
import type { Catalog, CatalogItem } from "./bindings";

export type Service = { id: string; category: string; name: string; minutes: number; price: number; active: boolean };
export type Product = { id: string; sku: string; barcode: string; name: string; price: number; active: boolean };
export type TopUpPlan = { id: string; name: string; pay: number; bonus: number };
export type PackagePlan = { id: string; serviceId: string; name: string; sessions: number; price: number; validDays: number };
export type Coupon = { code: string; fixed: boolean; value: number; minSpend: number; validFrom: string; validTo: string; maxUses: number | null; used: number };

export const yuan = (y: number) => y * 100;

export const services: Service[] = ([
  ["面部护理", "基础补水护理", 60, 198], ["面部护理", "深层清洁", 75, 268], ["面部护理", "美白焕肤", 90, 398],
  ["面部护理", "抗衰紧致", 90, 588], ["面部护理", "敏感肌修护", 60, 328], ["眼部护理", "眼周淡纹", 45, 238],
  ["身体护理", "肩颈舒缓", 60, 258], ["身体护理", "精油全身SPA", 120, 688], ["身体护理", "背部排毒", 60, 298],
  ["美甲美睫", "日式美甲", 90, 258], ["美甲美睫", "嫁接睫毛", 90, 298], ["头部护理", "头皮养护", 60, 228],
  ["脱毛", "腋下光子脱毛", 30, 168],
] as const).map(([category, name, minutes, price]) => ({
  id: crypto.randomUUID(), category, name, minutes, price: yuan(price), active: true,
}));

export const products: Product[] = ([
  ["SK-001", "6901234500017", "玻尿酸保湿精华 30ml", 368, 40], ["SK-002", "6901234500024", "氨基酸洁面乳 120g", 128, 60],
  ["SK-003", "6901234500031", "修护面霜 50g", 298, 35], ["SK-004", "6901234500048", "防晒乳 SPF50 40ml", 188, 50],
  ["SK-005", "6901234500055", "补水面膜 10片", 158, 80], ["SK-006", "6901234500062", "眼霜 15g", 328, 3],
  ["BD-001", "6901234500079", "玫瑰身体精油 100ml", 268, 30], ["BD-002", "6901234500086", "磨砂膏 200g", 138, 40],
  ["HR-001", "6901234500093", "头皮养护精华 60ml", 238, 20], ["NL-001", "6901234500109", "护甲油 10ml", 68, 0],
] as const).map(([sku, barcode, name, price]) => ({
  id: crypto.randomUUID(), sku, barcode, name, price: yuan(price), active: true,
}));

/** Stock ledger: product id → moves (opening stock first). */
export const stockMoves = new Map<string, number[]>(
  products.map((p, i) => [p.id, [[40, 60, 35, 50, 80, 3, 30, 40, 20, 0][i] ?? 0]]),
);
export const stockOf = (productId: string) => (stockMoves.get(productId) ?? []).reduce((a, b) => a + b, 0);

export const topUpPlans: TopUpPlan[] = ([["充1000送200", 1000, 200], ["充3000送800", 3000, 800], ["充5000送1500", 5000, 1500]] as const)
  .map(([name, pay, bonus]) => ({ id: crypto.randomUUID(), name, pay: yuan(pay), bonus: yuan(bonus) }));

export const packagePlans: PackagePlan[] = ([["基础补水护理", 10, 1580], ["肩颈舒缓", 10, 2080], ["精油全身SPA", 6, 3580]] as const)
  .map(([service, sessions, price]) => ({
    id: crypto.randomUUID(), serviceId: services.find((s) => s.name === service)!.id,
    name: `${service} ${sessions}次卡`, sessions, price: yuan(price), validDays: 365,
  }));

export const DAY = 86_400_000;
export const isoDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10); // the store's date (UTC+8)
export const today = () => isoDay(Date.now());

export const coupons: Coupon[] = [
  { code: "WELCOME50", fixed: true, value: yuan(50), minSpend: yuan(300), validFrom: today(), validTo: isoDay(Date.now() + 365 * DAY), maxUses: null, used: 0 },
  { code: "VIP10", fixed: false, value: 1000, minSpend: 0, validFrom: today(), validTo: isoDay(Date.now() + 365 * DAY), maxUses: null, used: 0 },
];

// Tiers as the core's migration seeds them: discount in basis points, points multiplier in %.

function serviceItem(s: Service): CatalogItem {
  return { kind: "service", id: s.id, name: s.name, category: s.category, price: s.price, stock: null, barcode: null, bonus: null, sessions: null, validDays: null, durationMin: s.minutes };
}
export function productItem(p: Product): CatalogItem {
  return { kind: "product", id: p.id, name: p.name, category: "", price: p.price, stock: stockOf(p.id), barcode: p.barcode, bonus: null, sessions: null, validDays: null, durationMin: null };
}
function topUpItem(p: TopUpPlan): CatalogItem {
  return { kind: "top_up", id: p.id, name: p.name, category: "", price: p.pay, stock: null, barcode: null, bonus: p.bonus, sessions: null, validDays: null, durationMin: null };
}
function packageItem(p: PackagePlan): CatalogItem {
  return { kind: "package_purchase", id: p.id, name: p.name, category: "", price: p.price, stock: null, barcode: null, bonus: null, sessions: p.sessions, validDays: p.validDays, durationMin: null };
}

export function catalog(query: string): Catalog {
  const q = query.trim().toLowerCase();
  const hit = (...texts: string[]) => q === "" || texts.some((t) => t.toLowerCase().includes(q));
  return {
    services: services.filter((s) => s.active && hit(s.name, s.category)).map(serviceItem),
    products: products.filter((p) => p.active && hit(p.name, p.sku, p.barcode)).map(productItem),
    topUps: topUpPlans.filter((p) => hit(p.name)).map(topUpItem),
    packages: packagePlans.filter((p) => hit(p.name)).map(packageItem),
  };
}
