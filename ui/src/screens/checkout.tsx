// The checkout (收银): the item grid on the left, the cart on the right, payment in a dialog,
// and the done panel after the sale. The cart is re-priced by the backend after every change
// (quote_cart); a manager's PIN (kept for the sale) allows a manual discount or a typed price;
// a barcode or member card scanned anywhere on the screen lands in the cart, never in a field.
// Keys: F2 new sale, F3 member, F4 search, F9 pay, Esc closes a dialog.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { saleCartChanged } from "../lib/backend/commands-updates";
import type {
  ApiError, ApprovalGranted, CatalogItem, MemberBalancesView, PackageView, PrintResult, SaleDone, Session, StaffBrief,
  Permission, TenderInput,
} from "../lib/backend/bindings";
import {
  appointmentCart, completeSale, currentShift, getMember, loginStaffList, memberBalances, memberByCard, printReceipt, productByBarcode,
} from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import {
  addFreeService, addItem, addRedemption, attachMember, type Cart, type CartMember, detachMember, EMPTY_CART, needsApproval,
  removeLine, setLineStaff, setPriceOverride, setQty, toCartInput,
} from "../lib/cart";
import {
  adjustmentsOf, type Adjustment, approvedFor, covers, type HeldApproval, permissionOf, permissionsOf, tokensOf,
} from "../lib/approval-scope";
import { classifySaleError, placeQuoteError } from "../lib/checkout-errors";
import { resolveScan } from "../lib/checkout-scan";
import { type I18n, useI18n } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { useQuote } from "../lib/use-quote";
import { useScanCapture } from "../lib/use-scan-capture";
import { AmountDialog } from "../components/amount-dialog";
import { ApprovalDialog } from "../components/approval-dialog";
import { CartPanel } from "../components/cart-panel";
import { CatalogGrid } from "../components/catalog-grid";
import { ScanIcon } from "../components/checkout-icons";
import { Dialog } from "../components/dialog";
import { AlertIcon, CardIcon, CheckIcon } from "../components/icons";
import { Kbd } from "../components/kbd";
import { MemberPicker } from "../components/member-picker";
import { ReceiptDialog } from "../components/receipt-dialog";
import { SaleDonePanel } from "../components/sale-done";
import { StaffPickerDialog } from "../components/staff-picker";
import { type SaleErrorView, TenderPanel } from "../components/tender-panel";

type Props = {
  session: Session;
  /** Attach this member on arrival (from a member's profile). */
  memberId?: string;
  /** Check out this appointment: its cart is loaded and the sale completes it. */
  appointmentId?: string;
  onNavigate: (route: Route) => void;
};

type OpenDialog =
  | { kind: "member" }
  | { kind: "staff"; key: string }
  | { kind: "discount" }
  | { kind: "price"; key: string }
  | { kind: "approval"; summary: string; permissions: Permission[]; then: (granted: ApprovalGranted[], name: string) => void; after?: OpenDialog }
  | { kind: "pay" }
  | { kind: "clear" }
  | { kind: "receipt" };

type Notice = { text: string; tone: "ok" | "error"; id: number };


/**
 * The cart outlives the screen: a cashier who goes to look a member up (or anywhere else) comes
 * back to the same cart. Kept for the same staff member only, and only in this window.
 */
let parked: { staffId: string; cart: Cart; approval: HeldApproval | null } | null = null;

const memberOf = (m: { id: string; name: string; memberNo: string; tier: CartMember["tier"] }): CartMember =>
  ({ id: m.id, name: m.name, memberNo: m.memberNo, tier: m.tier });

export function Checkout(props: Props) {
  const i18n = useI18n();
  const { t, money } = i18n;
  const mine = parked !== null && parked.staffId === props.session.staff.id ? parked : null;
  const [cart, setCart] = useState<Cart>(mine?.cart ?? EMPTY_CART);
  const [staff, setStaff] = useState<StaffBrief[] | null>(null);
  const [balances, setBalances] = useState<MemberBalancesView | null>(null);
  const [balancesError, setBalancesError] = useState<ApiError | null>(null);
  const [balancesTick, setBalancesTick] = useState(0);
  const [approval, setApproval] = useState<HeldApproval | null>(mine?.approval ?? null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [tenders, setTenders] = useState<TenderInput[]>([]);
  const [busy, setBusy] = useState(false);
  const [saleError, setSaleError] = useState<SaleErrorView | null>(null);
  const [done, setDone] = useState<SaleDone | null>(null);
  const [print, setPrint] = useState<PrintResult | null>(null);
  const [reprinting, setReprinting] = useState(false);
  const [shiftOpen, setShiftOpen] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [gridRefresh, setGridRefresh] = useState(0);
  const [appointmentId, setAppointmentId] = useState<string | null>(props.appointmentId ?? null);
  const searchRef = useRef<HTMLInputElement>(null);

  // The core's update gate hears what the cart holds: no update is looked for or installed
  // while a sale is open (README "Updates"). A refusal (the browser mock) changes nothing here.
  useEffect(() => void saleCartChanged(cart.lines.length).catch(() => undefined), [cart.lines.length]);

  const input = cart.lines.length > 0 ? toCartInput(cart) : null;
  const quote = useQuote(input);
  const priced = quote.fresh && quote.error === null && quote.quote !== null;

  const notify = (text: string, tone: Notice["tone"] = "ok") => setNotice({ text, tone, id: Date.now() });

  // ---- loading what the screen needs ----
  const refreshShift = () => {
    currentShift().then((s) => setShiftOpen(s !== null), () => setShiftOpen(null));
  };
  useEffect(() => {
    refreshShift();
    loginStaffList().then((list) => setStaff(list), () => setStaff([]));
  }, []);

  // Her balances are asked at render (a layout effect), not after the next paint.
  useLayoutEffect(() => {
    const id = cart.member?.id;
    setBalancesError(null);
    if (!id) {
      setBalances(null);
      return;
    }
    let live = true;
    memberBalances(id).then(
      (b) => live && setBalances(b),
      (reason: unknown) => live && setBalancesError(toApiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [cart.member?.id, balancesTick]);

  useEffect(() => {
    if (!props.memberId) return;
    getMember(props.memberId).then(
      (m) => setCart((c) => attachMember(c, memberOf(m))),
      (reason: unknown) => notify(t(`error.${toApiError(reason).code}`), "error"),
    );
  }, [props.memberId]);

  // From an appointment: its member and service line (her beautician credited) become the cart.
  useEffect(() => {
    if (!props.appointmentId) return;
    appointmentCart(props.appointmentId).then(async (ac) => {
      const m = ac.memberId ? memberOf(await getMember(ac.memberId)) : null;
      const lines = ac.lines.map((l, i) => ({
        key: `appt-${ac.appointmentId}-${i}`, kind: l.kind, itemId: l.itemId, name: l.name, listPrice: l.price, qty: l.qty,
        staff: l.staff.map((x) => ({ ...x })), priceOverride: l.priceOverride, stock: null,
      }));
      setCart({ ...EMPTY_CART, member: m, lines });
      setAppointmentId(ac.appointmentId);
      notify(t("checkout.fromAppointment", { name: ac.clientName }));
    }).catch((reason: unknown) => {
      setAppointmentId(null);
      const e = toApiError(reason);
      notify(e.code === "validation" ? e.message : t(`error.${e.code}`), "error");
    });
  }, [props.appointmentId]);

  // Tenders belong to one cart: any change to it starts the payment over.
  useEffect(() => setTenders([]), [input === null ? "" : JSON.stringify(input)]);

  // ---- cart actions ----
  const newSale = (keepMember: boolean) => {
    setCart((c) => ({ ...EMPTY_CART, member: keepMember ? c.member : null }));
    setAppointmentId(null);
    setDone(null);
    setPrint(null);
    setApproval(null);
    setTenders([]);
    setSaleError(null);
    setDialog(null);
    setBalancesTick((n) => n + 1);
  };

  /** Starts a new sale first when the last one is still on screen (an item tapped or scanned after it). */
  const startOverIfDone = () => {
    if (latest.current.done) newSale(true);
  };

  const add = (item: CatalogItem) => {
    startOverIfDone();
    setCart((c) => addItem(c, item));
    if ((item.kind === "top_up" || item.kind === "package_purchase") && !latest.current.cart.member) setDialog({ kind: "member" });
  };

  const attach = (m: CartMember) => {
    startOverIfDone();
    setCart((c) => attachMember(c, m));
    setDialog((d) => (d?.kind === "member" ? null : d));
  };

  const redeem = (pkg: PackageView) => setCart((c) => addRedemption(c, pkg));

  /** The adjustments this staff member may not make on her own (the core's matrix). */
  const needingManager = (changes: Adjustment[]) => changes.filter((c) => !can(props.session, permissionOf(c)));

  /** Runs `action` with a manager's approval: none if she may herself, the one held, or one asked for now. */
  const withApproval = (summary: string, change: Adjustment, action: () => void) => {
    if (needingManager([change]).length === 0 || covers(approval, change)) {
      action();
      setDialog(null);
      return;
    }
    setDialog({
      kind: "approval", summary, permissions: [permissionOf(change)],
      then: (granted, name) => {
        setApproval((before) => approvedFor(granted, name, before, [change]));
        action();
      },
    });
  };

  /** Approval for everything on the cart (asked again after the sale refused the one held). */
  const approveAll = (after?: OpenDialog) => {
    const changes = needingManager(adjustmentsOf(latest.current.cart));
    setDialog({
      kind: "approval", summary: t("checkout.saleError.approval"), permissions: permissionsOf(changes),
      then: (granted, name) => setApproval(approvedFor(granted, name, null, changes)),
      after,
    });
  };

  const openPay = () => {
    if (!latest.current.canPay) {
      if (latest.current.payWaiting) setPayWhenReady(true);
      return;
    }
    setSaleError(null);
    if (!needingManager(adjustmentsOf(cart)).every((a) => covers(approval, a))) {
      approveAll({ kind: "pay" });
      return;
    }
    setDialog({ kind: "pay" });
  };

  const complete = async () => {
    if (busy || !input || !quote.quote) return;
    setBusy(true);
    setSaleError(null);
    try {
      const result = await completeSale(input, tenders, needsApproval(cart) ? tokensOf(approval) : [], appointmentId);
      setApproval(null);
      setAppointmentId(null);
      setDone(result);
      setPrint(result.print);
      setDialog(null);
      setTenders([]);
      setBalancesTick((n) => n + 1);
      setGridRefresh((n) => n + 1);
    } catch (reason) {
      setSaleError(saleErrorView(toApiError(reason)));
    } finally {
      setBusy(false);
    }
  };

  const saleErrorView = (error: ApiError): SaleErrorView => {
    switch (classifySaleError(error, { needsApproval: needsApproval(cart), quote: quote.quote, tenders })) {
      case "shift":
        refreshShift();
        return { error, text: t("checkout.saleError.shift"), action: { label: t("checkout.openShift"), run: () => props.onNavigate({ name: "shift" }) } };
      case "approval":
        setApproval(null);
        return { error, text: t("checkout.saleError.approval"), action: { label: t("checkout.reapprove"), run: () => approveAll({ kind: "pay" }) } };
      case "prepaidTopUp":
        return { error, text: t("checkout.saleError.prepaidTopUp") };
      case "tenders":
        return { error, text: t("checkout.saleError.tenders") };
      case "cart":
        return { error, text: t("checkout.saleError.cart") };
      default:
        return { error, text: t(`error.${error.code}`) };
    }
  };

  const reprint = async () => {
    if (!done || reprinting) return;
    setReprinting(true);
    try {
      setPrint(await printReceipt(done.saleId, true));
    } catch (reason) {
      const e = toApiError(reason);
      setPrint({ ok: false, target: print?.target ?? null, error: e.message || t(`error.${e.code}`) });
    } finally {
      setReprinting(false);
    }
  };

  // ---- errors from the quote: on a line, by the coupon, or on the cart ----
  const lineErrors = new Map<string, string>();
  let cartErrorText: string | null = null;
  if (quote.error && cart.lines.length > 0) {
    const placed = placeQuoteError(cart, quote.error, (id) => balances?.packages.find((p) => p.packageId === id)?.sessionsLeft ?? null);
    if (placed.on === "line") {
      const p = placed.problem;
      lineErrors.set(placed.key, p.kind === "stock"
        ? (p.left === null ? t("checkout.error.stock") : t("checkout.error.stockLeft", { n: p.left }))
        : t(`checkout.error.${p.kind}`));
    } else {
      cartErrorText = t(placed.problem === "member" ? "checkout.error.member"
        : placed.problem === "manualDiscount" ? "checkout.error.manualDiscount" : "checkout.error.quote");
    }
  }

  const canPay = priced && quote.couponError === null && !done && shiftOpen !== false;
  // Pay pressed while the last change is still being priced: open once the quote is in.
  const payWaiting = !canPay && quote.pending && quote.error === null && quote.couponError === null
    && cart.lines.length > 0 && !done && shiftOpen !== false;
  const [payWhenReady, setPayWhenReady] = useState(false);
  useEffect(() => {
    if (!payWhenReady) return;
    if (canPay) {
      setPayWhenReady(false);
      openPay();
    } else if (!payWaiting) {
      setPayWhenReady(false);
    }
  }, [payWhenReady, canPay, payWaiting]);

  // Parks the cart when the screen goes (a finished sale parks as the next one, member kept).
  const parkedNow = useRef({ cart, approval, done });
  parkedNow.current = { cart, approval, done };
  useEffect(() => () => {
    const p = parkedNow.current;
    parked = {
      staffId: props.session.staff.id,
      cart: p.done ? { ...EMPTY_CART, member: p.cart.member } : p.cart,
      approval: p.done ? null : p.approval,
    };
  }, []);

  // ---- the latest values for window listeners installed once ----
  const latest = useRef({ cart, done, dialog, canPay, payWaiting, openPay, newSale, add, attach, t, notify });
  latest.current = { cart, done, dialog, canPay, payWaiting, openPay, newSale, add, attach, t, notify };

  // A barcode or member card scanned anywhere on the screen (never typed into a field).
  useScanCapture((code) => handleScan(code));

  const handleScan = async (code: string) => {
    const { t: tr, notify: say } = latest.current;
    const open = latest.current.dialog?.kind;
    if (open && open !== "member") {
      say(tr("checkout.scanBusy"), "error");
      return;
    }
    try {
      const out = await resolveScan(code, { productByBarcode, memberByCard });
      if (out.kind === "product") {
        latest.current.add(out.item);
        say(tr("checkout.scanAdded", { name: out.item.name }));
      } else if (out.kind === "member") {
        latest.current.attach(memberOf(out.hit));
        say(tr("checkout.scanMember", { name: out.hit.name }));
      } else {
        say(tr("checkout.scanUnknown", { code: out.code }), "error");
      }
    } catch (reason) {
      say(`${tr("checkout.scanFailed")} · ${tr(`error.${toApiError(reason).code}`)}`, "error");
    }
  };

  // Shortcuts (after the scanner, and not while a dialog is open: dialogs keep their keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector("[role=dialog]")) return;
      const l = latest.current;
      if (e.key === "F2") {
        e.preventDefault();
        if (l.done) l.newSale(true);
        else if (l.cart.lines.length > 0) setDialog({ kind: "clear" });
        else focusSearch();
      } else if (e.key === "F3") {
        e.preventDefault();
        setDialog({ kind: "member" });
      } else if (e.key === "F4") {
        e.preventDefault();
        focusSearch();
      } else if (e.key === "F9") {
        e.preventDefault();
        l.openPay();
      } else if (e.key === "Enter" && l.done && (document.activeElement === document.body || document.activeElement === null)) {
        e.preventDefault();
        l.newSale(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice?.id]);

  // ---- dialogs ----
  const dialogLine = dialog && (dialog.kind === "staff" || dialog.kind === "price") ? cart.lines.find((l) => l.key === dialog.key) : undefined;
  const maxDiscount = quote.quote && priced
    ? quote.quote.lines.filter((l) => l.kind === "service" || l.kind === "product" || l.kind === "package_purchase")
      .reduce((a, l) => a + l.amount, 0) + quote.quote.manualDiscount
    : null;

  let dialogView = null;
  if (dialog?.kind === "member") {
    dialogView = (
      <Dialog title={t("checkout.memberDialog")} onClose={() => setDialog(null)} testId="member-dialog" wide>
        <MemberPicker id="checkout-member" placeholder={t("checkout.memberSearch")} autoFocus
          excludeId={cart.member?.id ?? null} onPick={(hit) => attach(memberOf(hit))} />
        <p class="muted small co-member-scan"><CardIcon size={16} /> {t("checkout.memberScanHint")}</p>
      </Dialog>
    );
  } else if (dialog?.kind === "staff" && dialogLine) {
    dialogView = (
      <StaffPickerDialog lineName={dialogLine.name} staff={staff} value={dialogLine.staff}
        othersWithout={cart.lines.filter((l) => l.key !== dialogLine.key && l.staff.length === 0).length}
        onClose={() => setDialog(null)}
        onSave={(shares, alsoOthers) => {
          setCart((c) => {
            let next = setLineStaff(c, dialogLine.key, shares);
            if (alsoOthers) for (const l of c.lines) if (l.key !== dialogLine.key && l.staff.length === 0) next = setLineStaff(next, l.key, shares);
            return next;
          });
          setDialog(null);
        }} />
    );
  } else if (dialog?.kind === "price" && dialogLine) {
    const line = dialogLine;
    dialogView = (
      <AmountDialog testId="price-dialog" title={t("checkout.priceTitle", { name: line.name })} label={t("checkout.priceNew")}
        hint={t("checkout.priceHint", { price: money(line.listPrice) })} initial={line.priceOverride ?? line.listPrice}
        clear={line.priceOverride !== null ? {
          label: t("checkout.priceReset"),
          onClear: () => { setCart((c) => setPriceOverride(c, line.key, null)); setDialog(null); },
        } : undefined}
        onClose={() => setDialog(null)}
        onSubmit={(fen) => {
          if (fen === line.listPrice) {
            setCart((c) => setPriceOverride(c, line.key, null));
            setDialog(null);
            return;
          }
          withApproval(t("checkout.approvePrice", { name: line.name, price: money(fen), list: money(line.listPrice) }),
            { key: line.key, price: fen }, () => setCart((c) => setPriceOverride(c, line.key, fen)));
        }} />
    );
  } else if (dialog?.kind === "discount") {
    dialogView = (
      <AmountDialog testId="discount-dialog" title={t("checkout.discountTitle")} label={t("checkout.discountAmount")}
        hint={maxDiscount !== null ? t("checkout.discountHint", { max: money(maxDiscount) }) : ""}
        initial={cart.manualDiscount > 0 ? cart.manualDiscount : null}
        max={maxDiscount !== null ? { fen: maxDiscount, text: t("checkout.discountTooLarge", { max: money(maxDiscount) }) } : undefined}
        clear={cart.manualDiscount > 0 ? {
          label: t("checkout.discountRemove"),
          onClear: () => { setCart((c) => ({ ...c, manualDiscount: 0 })); setDialog(null); },
        } : undefined}
        onClose={() => setDialog(null)}
        onSubmit={(fen) => {
          if (fen === 0) {
            setCart((c) => ({ ...c, manualDiscount: 0 }));
            setDialog(null);
            return;
          }
          withApproval(t("checkout.approveDiscount", { amount: money(fen) }), { discount: fen },
            () => setCart((c) => ({ ...c, manualDiscount: fen })));
        }} />
    );
  } else if (dialog?.kind === "approval") {
    const d = dialog;
    dialogView = (
      <ApprovalDialog title={t("approval.title")} onClose={() => setDialog(null)} permissions={d.permissions}
        onApproved={async (a, who) => {
          d.then(a, who.name);
          setDialog(d.after ?? null);
        }}>
        <p class="co-approval-what">{d.summary}</p>
      </ApprovalDialog>
    );
  } else if (dialog?.kind === "pay" && quote.quote) {
    dialogView = (
      <TenderPanel total={quote.quote.total} topUpTotal={quote.quote.topUpTotal} pointValueFen={quote.quote.pointValueFen}
        balances={cart.member && balances ? { points: balances.points, storedValue: balances.storedValue } : null}
        tenders={tenders} onTenders={(list) => { setTenders(list); setSaleError(null); }} busy={busy} saleError={saleError}
        onComplete={() => void complete()} onClose={() => { if (!busy) setDialog(null); }} />
    );
  } else if (dialog?.kind === "clear") {
    dialogView = (
      <Dialog title={t("checkout.clearTitle")} onClose={() => setDialog(null)} testId="clear-dialog"
        actions={<>
          <button type="button" class="btn btn-secondary" onClick={() => setDialog(null)}>{t("common.cancel")}</button>
          <button type="button" class="btn btn-danger" data-testid="clear-confirm" data-autofocus
            onClick={() => newSale(true)}>{t("checkout.clear")}</button>
        </>}>
        <p>{t("checkout.clearBody", { n: cart.lines.length })}</p>
      </Dialog>
    );
  } else if (dialog?.kind === "receipt" && done) {
    dialogView = <ReceiptDialog saleId={done.saleId} receiptNo={done.receiptNo} onClose={() => setDialog(null)} />;
  }

  return (
    <main class="co-screen" data-testid="checkout-screen">
      {shiftOpen === false ? (
        <div class="banner banner-warn co-shift-banner" role="alert" data-testid="no-shift-banner">
          <AlertIcon size={20} />
          <span class="co-shift-text">{t("checkout.noShift")}</span>
          <button type="button" class="btn btn-secondary btn-small" data-testid="no-shift-open"
            onClick={() => props.onNavigate({ name: "shift" })}>{t("checkout.openShift")}</button>
        </div>
      ) : null}
      <div class="co-body">
        <div class="co-left">
          <CatalogGrid onAdd={add} refresh={gridRefresh} hasMember={cart.member !== null} searchRef={searchRef} />
          <KeyLegend t={t} />
        </div>
        <aside class="co-side">
          {done ? (
            <SaleDonePanel done={done} print={print} reprinting={reprinting} hasMember={cart.member !== null}
              onReprint={() => void reprint()} onShowReceipt={() => setDialog({ kind: "receipt" })}
              onNewSale={() => newSale(true)} onNextClient={() => newSale(false)} />
          ) : (
            <CartPanel cart={cart} quote={quote.quote} fresh={priced} pending={quote.pending} quoteError={quote.error}
              couponError={quote.couponError} lineErrors={lineErrors} cartErrorText={cartErrorText}
              balances={balances} balancesError={balancesError} staff={staff} approverName={needsApproval(cart) ? approval?.name ?? null : null}
              canPay={canPay || payWaiting}
              onQty={(key, n) => setCart((c) => setQty(c, key, n))}
              onRemove={(key) => setCart((c) => removeLine(c, key))}
              onStaff={(key) => setDialog({ kind: "staff", key })}
              onPrice={(key) => setDialog({ kind: "price", key })}
              onCoupon={(code) => setCart((c) => ({ ...c, coupon: code }))}
              onDiscount={() => setDialog({ kind: "discount" })}
              onClearDiscount={() => setCart((c) => ({ ...c, manualDiscount: 0 }))}
              onAttach={() => setDialog({ kind: "member" })}
              onDetach={() => setCart((c) => detachMember(c))}
              onRedeem={redeem}
              onUseFree={(a) => setCart((c) => addFreeService(c, a))}
              onPay={openPay}
              onClear={() => setDialog({ kind: "clear" })} />
          )}
        </aside>
      </div>
      {dialogView}
      {notice ? (
        <div key={notice.id} class={`toast co-toast ${notice.tone === "error" ? "co-toast-error" : ""}`}
          role={notice.tone === "error" ? "alert" : "status"} data-testid="checkout-toast" data-tone={notice.tone}>
          {notice.tone === "error" ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
          <span>{notice.text}</span>
        </div>
      ) : null}
    </main>
  );
}

function KeyLegend(props: { t: I18n["t"] }) {
  const { t } = props;
  return (
    <div class="co-keys" aria-hidden="true">
      <span class="co-keys-scan"><ScanIcon size={16} /> {t("checkout.scanReady")}</span>
      <span><Kbd keys="F2" /> {t("checkout.keyNew")}</span>
      <span><Kbd keys="F3" /> {t("checkout.keyMember")}</span>
      <span><Kbd keys="F4" /> {t("checkout.keySearch")}</span>
      <span><Kbd keys="F9" /> {t("checkout.keyPay")}</span>
      <span><Kbd keys="Esc" /> {t("common.close")}</span>
    </div>
  );
}
