import { describe, expect, it } from "vitest";
import type { TenderInput } from "./backend/bindings";
import { available, checkDraft, draftFor, fenText, looksLikeCardNumber, summarize, type PayContext, type TenderDraft } from "./tenders";

const ctx = (over: Partial<PayContext> = {}): PayContext => ({
  total: 35_640, topUpTotal: 0, pointValueFen: 1, balances: { points: 2_680, storedValue: 158_000 }, tenders: [], ...over,
});
const draft = (over: Partial<TenderDraft>): TenderDraft => ({ kind: "cash", amount: "", reference: "", last4: "", points: "", ...over });

describe("summarize", () => {
  it("adds split tenders, shows what is left, and gives change only once covered", () => {
    const t: TenderInput[] = [{ kind: "stored_value", amount: 10_000 }, { kind: "points", points: 640 }];
    const s = summarize(t, 35_640, 1);
    expect(s).toMatchObject({ paid: 10_640, remaining: 25_000, change: 0, covered: false, prepaid: 10_640 });
    const done = summarize([...t, { kind: "cash", amount: 30_000 }], 35_640, 1);
    expect(done).toMatchObject({ paid: 40_640, remaining: 0, change: 5_000, covered: true });
  });

  it("values points at the store's point value", () => {
    expect(summarize([{ kind: "points", points: 100 }], 5_000, 10).paid).toBe(1_000);
  });
});

describe("checkDraft", () => {
  it("takes cash over what is due (the rest is change) but no other tender", () => {
    expect(checkDraft(draft({ amount: "500" }), ctx())).toEqual({ ok: true, tender: { kind: "cash", amount: 50_000 } });
    expect(checkDraft(draft({ kind: "wechat_pay", amount: "500", reference: "4200001" }), ctx()))
      .toEqual({ ok: false, error: { field: "amount", problem: "over_remaining" } });
  });

  it("parses typed yuan exactly and refuses nonsense", () => {
    expect(checkDraft(draft({ amount: "356.4" }), ctx())).toEqual({ ok: true, tender: { kind: "cash", amount: 35_640 } });
    expect(checkDraft(draft({ amount: "" }), ctx())).toMatchObject({ ok: false, error: { problem: "required" } });
    expect(checkDraft(draft({ amount: "1.234" }), ctx())).toMatchObject({ ok: false, error: { problem: "decimals" } });
    expect(checkDraft(draft({ amount: "0" }), ctx())).toMatchObject({ ok: false, error: { problem: "zero" } });
  });

  it("takes a bank card's terminal reference and last 4 digits only, never a card number", () => {
    const card = draft({ kind: "bank_card", amount: "356.40", reference: "REF 889201", last4: "1234" });
    expect(checkDraft(card, ctx())).toEqual({ ok: true, tender: { kind: "bank_card", amount: 35_640, reference: "REF 889201", last4: "1234" } });
    expect(checkDraft({ ...card, last4: "123" }, ctx())).toMatchObject({ ok: false, error: { field: "last4", problem: "format" } });
    expect(checkDraft({ ...card, last4: "12a4" }, ctx())).toMatchObject({ ok: false, error: { field: "last4", problem: "format" } });
    expect(checkDraft({ ...card, reference: "4111 1111 1111 1111" }, ctx())).toMatchObject({ ok: false, error: { field: "reference", problem: "card_number" } });
    expect(checkDraft({ ...card, reference: " " }, ctx())).toMatchObject({ ok: false, error: { field: "reference", problem: "required" } });
    expect(looksLikeCardNumber("4111111111111111")).toBe(true);
    expect(looksLikeCardNumber("4200001234567890123")).toBe(false);
  });

  it("keeps stored value and points within the member's balances, net of tenders already added", () => {
    const c = ctx({ balances: { points: 500, storedValue: 10_000 }, tenders: [{ kind: "stored_value", amount: 8_000 }] });
    expect(available(c)).toEqual({ storedValue: 2_000, points: 500 });
    expect(checkDraft(draft({ kind: "stored_value", amount: "30" }), c)).toMatchObject({ ok: false, error: { problem: "over_balance" } });
    expect(checkDraft(draft({ kind: "points", points: "501" }), c)).toMatchObject({ ok: false, error: { field: "points", problem: "over_balance" } });
    expect(checkDraft(draft({ kind: "points", points: "500" }), c)).toEqual({ ok: true, tender: { kind: "points", points: 500 } });
    expect(checkDraft(draft({ kind: "points", points: "1.5" }), c)).toMatchObject({ ok: false, error: { problem: "format" } });
  });

  it("needs a member for stored value and points", () => {
    expect(checkDraft(draft({ kind: "stored_value", amount: "10" }), ctx({ balances: null })))
      .toMatchObject({ ok: false, error: { problem: "no_member" } });
  });

  it("adds nothing once the sale is covered", () => {
    expect(checkDraft(draft({ amount: "1" }), ctx({ tenders: [{ kind: "cash", amount: 40_000 }] })))
      .toMatchObject({ ok: false, error: { problem: "covered" } });
  });
});

describe("draftFor", () => {
  it("fills in what is due, and for prepaid value what it may pay (not the top-up part)", () => {
    expect(draftFor("cash", ctx()).amount).toBe("356.40");
    const withTopUp = ctx({ total: 135_640, topUpTotal: 100_000 });
    expect(draftFor("stored_value", withTopUp).amount).toBe("356.40");
    expect(draftFor("points", withTopUp).points).toBe("2680");
    expect(draftFor("points", ctx({ balances: { points: 0, storedValue: 0 } })).points).toBe("");
    expect(draftFor("wechat_pay", ctx({ tenders: [{ kind: "cash", amount: 5_640 }] })).amount).toBe("300");
  });

  it("writes fen as yuan to type over", () => {
    expect([fenText(100), fenText(12_345), fenText(5), fenText(0)]).toEqual(["1", "123.45", "0.05", "0"]);
  });
});
