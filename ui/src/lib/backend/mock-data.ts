// Made-up people for the in-browser mock backend (mock.ts): Chinese names with their pinyin,
// so the mock can answer pinyin and initials searches the way the core does.
import type { Gender, SkinType, Tier } from "./bindings";

const SURNAMES: Record<string, string> = {
  王: "wang", 李: "li", 张: "zhang", 刘: "liu", 陈: "chen", 杨: "yang", 黄: "huang", 赵: "zhao",
  吴: "wu", 周: "zhou", 徐: "xu", 孙: "sun", 马: "ma", 朱: "zhu", 胡: "hu", 郭: "guo", 何: "he",
  林: "lin", 罗: "luo", 高: "gao", 郑: "zheng", 梁: "liang", 谢: "xie", 宋: "song", 唐: "tang",
  韩: "han", 冯: "feng", 邓: "deng", 曹: "cao", 彭: "peng", 曾: "zeng", 肖: "xiao", 田: "tian",
  董: "dong", 袁: "yuan", 潘: "pan", 蒋: "jiang", 蔡: "cai", 杜: "du", 叶: "ye", 程: "cheng",
  苏: "su", 魏: "wei", 丁: "ding", 任: "ren", 沈: "shen", 许: "xu", 于: "yu",
};

const GIVEN: Record<string, string> = {
  丽: "li", 娟: "juan", 敏: "min", 静: "jing", 芳: "fang", 婷: "ting", 雪: "xue", 琳: "lin",
  慧: "hui", 颖: "ying", 佳: "jia", 欣: "xin", 怡: "yi", 梅: "mei", 燕: "yan", 萍: "ping",
  红: "hong", 霞: "xia", 玲: "ling", 莉: "li", 倩: "qian", 悦: "yue", 晓: "xiao", 雅: "ya",
  璐: "lu", 蕾: "lei", 琪: "qi", 薇: "wei", 岚: "lan", 月: "yue", 秀: "xiu", 兰: "lan",
  洁: "jie", 诗: "shi", 梦: "meng", 思: "si", 涵: "han", 瑶: "yao", 晨: "chen", 妍: "yan",
  琴: "qin", 云: "yun", 华: "hua", 美: "mei", 珊: "shan", 宁: "ning", 丹: "dan", 萱: "xuan",
  三: "san", 伟: "wei", 强: "qiang", 磊: "lei", 杰: "jie", 明: "ming", 浩: "hao", 小: "xiao",
};

const ALL_PINYIN: Record<string, string> = { ...GIVEN, ...SURNAMES };

/** Full pinyin and initials of a name; characters the table does not know are skipped. */
export function pinyinOf(name: string): { full: string; initials: string } {
  const syllables = [...name].map((ch) => ALL_PINYIN[ch] ?? (/[a-z]/i.test(ch) ? ch.toLowerCase() : ""));
  return {
    full: syllables.join(""),
    initials: syllables.filter((s) => s !== "").map((s) => s[0]).join(""),
  };
}

export const REGIONS = ["朝阳区", "海淀区", "东城区", "西城区", "丰台区", "浦东新区", "徐汇区", "静安区", "天河区", "福田区", "南山区", "武侯区"];
export const SOURCES = ["朋友推荐", "大众点评", "美团", "小红书", "抖音", "路过进店", "老客带新"];
const TAGS = ["敏感肌", "抗衰", "补水", "美甲", "常客", "学生", "孕期", "周末客"];
const ALLERGIES = ["", "", "", "", "酒精", "芒果", "花粉", "果酸", "青霉素"];
const NOTES = ["", "", "", "喜欢安静的房间", "只约周末", "对香味敏感，请用无香产品", "需要停车位"];
const SKIN: Array<SkinType | null> = ["dry", "oily", "combination", "sensitive", "normal", null];
const TIERS: Tier[] = ["standard", "standard", "standard", "standard", "silver", "silver", "gold", "platinum"];

/** A small deterministic generator (mulberry32) so demo data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export type DemoPerson = {
  name: string; phone: string; gender: Gender | null; birthday: string | null; region: string;
  skinType: SkinType | null; allergies: string; notes: string; tags: string[];
  consentMarketing: boolean; source: string; tier: Tier; visitCount: number;
  registeredAt: string; lastVisitAt: string | null;
};

const DAY = 86_400_000;

export function demoPerson(rand: () => number, now: number): DemoPerson {
  const surnames = Object.keys(SURNAMES);
  const given = Object.keys(GIVEN);
  const male = rand() < 0.12;
  const name = pick(rand, surnames) + pick(rand, given) + (rand() < 0.6 ? pick(rand, given) : "");
  const prefix = pick(rand, ["138", "139", "136", "150", "158", "186", "188", "177", "135", "159"]);
  const phone = prefix + String(Math.floor(rand() * 1e8)).padStart(8, "0");
  const year = 1965 + Math.floor(rand() * 40);
  const birthday = rand() < 0.8
    ? `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`
    : null;
  const registered = now - Math.floor(rand() * 900) * DAY;
  const visitCount = Math.floor(rand() * 40);
  const last = visitCount === 0 ? null : registered + Math.floor(rand() * (now - registered));
  const tagCount = Math.floor(rand() * 3);
  const tags = [...new Set(Array.from({ length: tagCount }, () => pick(rand, TAGS)))];
  return {
    name, phone, birthday, tags, visitCount,
    gender: male ? "male" : rand() < 0.95 ? "female" : null,
    region: pick(rand, REGIONS),
    skinType: pick(rand, SKIN),
    allergies: pick(rand, ALLERGIES),
    notes: pick(rand, NOTES),
    consentMarketing: rand() < 0.7,
    source: pick(rand, SOURCES),
    tier: pick(rand, TIERS),
    registeredAt: new Date(registered).toISOString(),
    lastVisitAt: last === null ? null : new Date(last).toISOString(),
  };
}

export const DEMO_STAFF: Array<{ name: string; role: "owner" | "manager" | "cashier" | "beautician" }> = [
  { name: "林美华", role: "owner" },
  { name: "陈静", role: "manager" },
  { name: "小李", role: "cashier" },
  { name: "周晓雅", role: "beautician" },
  { name: "吴佳怡", role: "beautician" },
  { name: "Amy Zhang", role: "beautician" },
];
