// The right side of the checkout: the attached member (balances, package sessions to redeem),
// the cart lines (qty, price, discount, amount, credited staff), coupon, manual discount,
// totals from the latest quote, and Pay. Presentational: the screen owns the state.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, FreeServiceAllowanceView, MemberBalancesView, PackageView, QuoteLineView, QuoteView, StaffBrief } from "../lib/backend/bindings";
import { type Cart, type CartLine, MAX_QTY, priceEditable, qtyEditable, sessionsInCart } from "../lib/cart";
import { FreeServiceList } from "./free-service-list";
import { MemberCouponChips } from "./member-coupon-chips";
import { useI18n } from "../lib/i18n";
import { lineKindName } from "../lib/sale-words";
import { ErrorBanner } from "./error-banner";
import { AlertIcon, CheckIcon, CloseIcon, EditIcon, LockIcon, UserPlusIcon } from "./icons";
import { TicketIcon } from "./sales-icons";
import { Kbd } from "./kbd";
import { TierBadge } from "./tier-badge";
import { OpenComplaintsChip } from "./member-complaints";

type Props = {
  cart: Cart;
  quote: QuoteView | null;
  /** The quote answers the cart as it is now (and it could be priced). */
  fresh: boolean;
  /** A quote for the latest change is on its way. */
  pending: boolean;
  quoteError: ApiError | null;
  couponError: ApiError | null;
  /** Line key → the error shown on it. */
  lineErrors: Map<string, string>;
  /** Text for a quote error that is on no line. */
  cartErrorText: string | null;
  balances: MemberBalancesView | null;
  balancesError: ApiError | null;
  staff: StaffBrief[] | null;
  approverName: string | null;
  canPay: boolean;
  onQty: (key: string, qty: number) => void;
  onRemove: (key: string) => void;
  onStaff: (key: string) => void;
  onPrice: (key: string) => void;
  onCoupon: (code: string) => void;
  onDiscount: () => void;
  onClearDiscount: () => void;
  onAttach: () => void;
  onDetach: () => void;
  onRedeem: (pkg: PackageView) => void;
  /** Puts one of her tier's free services on the cart. */
  onUseFree: (a: FreeServiceAllowanceView) => void;
  onPay: () => void;
  onClear: () => void;
};

/** The quote's lines, when they are the cart's lines in the same order. */
function alignedLines(cart: Cart, quote: QuoteView | null): QuoteLineView[] | null {
  if (!quote || quote.lines.length !== cart.lines.length) return null;
  return quote.lines.every((q, i) => q.itemId === cart.lines[i]?.itemId && q.kind === cart.lines[i]?.kind) ? quote.lines : null;
}

export function CartPanel(props: Props) {
  const { t, money, count } = useI18n();
  const { cart, quote, fresh } = props;
  const qlines = alignedLines(cart, quote);
  const items = cart.lines.reduce((a, l) => a + l.qty, 0);
  const staffName = (id: string) => props.staff?.find((s) => s.id === id)?.name ?? "…";

  return (
    <section class="co-cart" aria-label={t("checkout.cart")}>
      <MemberCard {...props} />

      <div class="co-cart-head">
        <h2 class="co-cart-title">{t("checkout.cart")}</h2>
        {cart.lines.length > 0 ? <span class="muted small">{t("checkout.itemsCount", { n: count(items) })}</span> : null}
        <span class="co-spacer" />
        <button type="button" class="btn btn-ghost btn-small" data-testid="cart-clear" disabled={cart.lines.length === 0}
          onClick={props.onClear}>
          {t("checkout.clear")} <Kbd keys="F2" />
        </button>
      </div>

      <div class="co-lines" data-testid="cart-lines">
        {cart.lines.length === 0 ? (
          <div class="co-lines-empty">
            <p class="co-lines-empty-title">{t("checkout.emptyCartTitle")}</p>
            <p class="muted small">{t("checkout.emptyCartBody")}</p>
          </div>
        ) : cart.lines.map((line, i) => (
          <CartLineRow key={line.key} line={line} q={qlines?.[i] ?? null} fresh={fresh} error={props.lineErrors.get(line.key) ?? null}
            staffName={staffName} onQty={props.onQty} onRemove={props.onRemove} onStaff={props.onStaff} onPrice={props.onPrice} />
        ))}
      </div>

      {props.cartErrorText && props.quoteError ? (
        <div class="co-cart-error"><ErrorBanner error={props.quoteError} text={props.cartErrorText} testId="cart-error" /></div>
      ) : null}

      <div class="co-cart-foot">
        <MemberCouponChips memberId={cart.member?.id ?? null} applied={cart.coupon} onApply={props.onCoupon} />
        <CouponField applied={cart.coupon} error={props.couponError} verified={fresh} disabled={cart.lines.length === 0}
          onApply={props.onCoupon} onDiscount={props.onDiscount} />
        <Totals {...props} />
        <button type="button" class="btn btn-primary btn-large btn-block co-pay" data-testid="checkout-pay"
          disabled={!props.canPay} onClick={props.onPay}>
          <span>{t("checkout.pay")}</span>
          {quote && cart.lines.length > 0 ? <span class="co-pay-amount mono">{money(quote.total)}</span> : null}
          <Kbd keys="F9" class="kbd-on-primary" />
        </button>
      </div>
    </section>
  );
}

function MemberCard(props: Props) {
  const { t, money, count, date } = useI18n();
  const m = props.cart.member;
  if (!m) {
    return (
      <div class="co-member co-member-none">
        <span class="avatar" aria-hidden="true">{t("checkout.walkIn").slice(0, 1)}</span>
        <span class="co-member-text">
          <span class="co-member-name">{t("checkout.walkIn")}</span>
          <span class="muted small">{t("checkout.walkInHint")}</span>
        </span>
        <button type="button" class="btn btn-secondary" data-testid="cart-member-attach" onClick={props.onAttach}>
          <UserPlusIcon /> {t("checkout.attachMember")} <Kbd keys="F3" />
        </button>
      </div>
    );
  }
  const b = props.balances;
  return (
    <div class="co-member" data-testid="cart-member" data-member-id={m.id}>
      <div class="co-member-top">
        <span class="avatar" aria-hidden="true">{[...m.name][0]}</span>
        <span class="co-member-text">
          <span class="co-member-name">
            <span class="truncate">{m.name}</span> <TierBadge tier={m.tier} testId="cart-member-tier" />
            <OpenComplaintsChip memberId={m.id} />
          </span>
          {props.balancesError ? <span class="co-member-error small">{t("checkout.balancesError")}</span> : (
            <span class="co-balances">
              <span class="co-balance mono muted co-member-no">{m.memberNo}</span>
              <span class="co-balance">
                {t("checkout.points")} <b class="mono" data-testid="member-points">{b ? count(b.points) : "…"}</b>
              </span>
              <span class="co-balance">
                {t("checkout.storedValue")} <b class="mono" data-testid="member-stored-value">{b ? money(b.storedValue) : "…"}</b>
              </span>
            </span>
          )}
        </span>
        <button type="button" class="btn btn-ghost btn-small co-member-change" data-testid="cart-member-change" onClick={props.onAttach}>
          {t("checkout.changeMember")} <Kbd keys="F3" class="co-kbd-wide" />
        </button>
        <button type="button" class="btn btn-ghost btn-small co-icon-btn" data-testid="cart-member-detach"
          aria-label={t("checkout.detachMember")} title={t("checkout.detachMember")} onClick={props.onDetach}>
          <CloseIcon size={18} />
        </button>
      </div>
      {b && b.packages.length > 0 ? (
        <ul class="co-packages" aria-label={t("balances.packages")}>
          {b.packages.map((p) => {
            const used = sessionsInCart(props.cart, p.packageId);
            const left = p.sessionsLeft - used;
            return (
              <li key={p.packageId} class="co-package" data-testid="member-package" data-package-id={p.packageId} data-name={p.name}>
                <span class="co-package-name truncate" title={p.name}>{p.name}</span>
                <span class="co-package-meta" title={t("checkout.expires", { date: date(p.expiresOn) })}>
                  <b>{t("checkout.sessionsLeft", { n: left })}</b>
                  <span class="co-package-expiry"> · {t("checkout.expires", { date: date(p.expiresOn) })}</span>
                </span>
                <button type="button" class="btn btn-secondary btn-small co-redeem" data-testid="member-package-redeem" onMouseDown={keepFocus}
                  disabled={left <= 0} aria-label={t("checkout.redeemLabel", { name: p.name })} onClick={() => props.onRedeem(p)}>
                  {t("checkout.redeem")}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <FreeServiceList memberId={m.id} cart={props.cart} tick={b} onUse={props.onUseFree} />
    </div>
  );
}

type LineProps = {
  line: CartLine;
  q: QuoteLineView | null;
  fresh: boolean;
  error: string | null;
  staffName: (id: string) => string;
  onQty: (key: string, qty: number) => void;
  onRemove: (key: string) => void;
  onStaff: (key: string) => void;
  onPrice: (key: string) => void;
};

function CartLineRow(props: LineProps) {
  const { t, money } = useI18n();
  const { line, q } = props;
  const unit = line.priceOverride ?? line.listPrice;
  // The quote's figures once it has caught up with this line's quantity; the list price until then.
  const current = q !== null && q.qty === line.qty && (q.overridden ? q.unitPrice === line.priceOverride : line.priceOverride === null);
  const amount = current ? q.amount : unit * line.qty;
  const discount = current ? q.discount : 0;
  const staffText = line.staff.length === 0 ? null : line.staff.length === 1
    ? props.staffName(line.staff[0]!.staffId)
    : line.staff.map((s) => `${props.staffName(s.staffId)} ${fmtPct(s.shareBp)}%`).join(" · ");

  return (
    <div class={`co-line ${props.error ? "co-line-invalid" : ""}`} data-testid="cart-line" data-name={line.name}
      data-kind={line.kind} data-key={line.key} data-qty={line.qty}>
      <div class="co-line-top">
        <span class="co-line-name">
          {line.free ? <span class="co-kind co-kind-free">{t("tiers.freeBadge")}</span> : null}
          {line.kind === "service" || line.kind === "product" ? null : (
            <span class={`co-kind co-kind-${line.kind}`}>{lineKindName(t, line.kind)}</span>
          )}
          <span class="co-line-title" title={line.name}>{line.name}</span>
        </span>
        {discount > 0 ? <span class="co-line-discount mono" data-testid="cart-line-discount">{t("checkout.discountOff", { amount: money(discount) })}</span> : null}
        <span class={`co-line-amount mono ${current || !props.fresh ? "" : "stale"}`} data-testid="cart-line-amount">{money(amount)}</span>
        <button type="button" class="btn btn-ghost btn-small co-icon-btn" data-testid="cart-line-remove"
          aria-label={t("checkout.remove", { name: line.name })} title={t("checkout.remove", { name: line.name })}
          onClick={() => props.onRemove(line.key)}>
          <CloseIcon size={18} />
        </button>
      </div>
      <div class="co-line-bottom">
        {qtyEditable(line.kind) && !line.free ? (
          <QtyStepper name={line.name} qty={line.qty} onQty={(n) => props.onQty(line.key, n)} />
        ) : (
          <span class="co-qty-fixed muted small" data-testid="cart-line-qty-fixed">
            {line.kind === "package_redemption" ? t("checkout.sessionLine") : "× 1"}
          </span>
        )}
        {priceEditable(line.kind) && !line.free ? (
          <button type="button" class={`co-price ${line.priceOverride !== null ? "overridden" : ""}`} data-testid="cart-line-price"
            title={t("checkout.editPrice")} onClick={() => props.onPrice(line.key)}>
            <span class="mono">{money(unit)}</span>
            {line.priceOverride !== null ? (
              <span class="co-price-was">{t("checkout.listPrice", { price: money(line.listPrice) })}</span>
            ) : null}
            <EditIcon size={14} />
          </button>
        ) : (
          <span class="co-price-static mono muted">{line.kind === "package_redemption" ? "" : money(unit)}</span>
        )}
        <span class="co-spacer" />
        <button type="button" class={`co-staff-chip ${staffText ? "" : "empty"}`} data-testid="cart-line-staff" title={staffText ?? undefined}
          data-staff-ids={line.staff.map((s) => s.staffId).join(",")} onClick={() => props.onStaff(line.key)}>
          <UserPlusIcon size={16} />
          <span class="truncate">{staffText ?? t("checkout.pickStaff")}</span>
        </button>
      </div>
      {props.error ? (
        <div class="co-line-error" role="alert" data-testid="cart-line-error"><AlertIcon size={16} /> {props.error}</div>
      ) : null}
    </div>
  );
}

/** Buttons pressed again and again (qty, redeem) do not keep the focus, so a stray Enter cannot repeat them. */
const keepFocus = (e: MouseEvent) => e.preventDefault();

const fmtPct = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2));

/**
 * − qty +, with the number typed in between. Typing only changes the field; the cart takes the
 * number on Enter or when the field is left, so a half-typed "1" of "12" is never priced and
 * scanner keys that land here (taken back out by the screen) never reach the cart.
 */
function QtyStepper(props: { name: string; qty: number; onQty: (n: number) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(String(props.qty));
  useEffect(() => setText(String(props.qty)), [props.qty]);
  const commit = () => {
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1) props.onQty(Math.min(MAX_QTY, n));
    else setText(String(props.qty));
  };
  return (
    <span class="co-qty">
      <button type="button" class="co-qty-btn" data-testid="cart-line-qty-dec" aria-label={t("checkout.qtyLess")} onMouseDown={keepFocus}
        disabled={props.qty <= 1} onClick={() => props.onQty(props.qty - 1)}>−</button>
      <input class="co-qty-input mono" data-testid="cart-line-qty" inputMode="numeric" value={text}
        aria-label={t("checkout.qty", { name: props.name })}
        onInput={(e) => setText(e.currentTarget.value.replace(/\D/g, "").slice(0, 3))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          } else if (e.key === "Escape") {
            setText(String(props.qty));
          }
        }} />
      <button type="button" class="co-qty-btn" data-testid="cart-line-qty-inc" aria-label={t("checkout.qtyMore")} onMouseDown={keepFocus}
        disabled={props.qty >= MAX_QTY} onClick={() => props.onQty(props.qty + 1)}>+</button>
    </span>
  );
}

function CouponField(props: {
  applied: string; error: ApiError | null; verified: boolean; disabled: boolean; onApply: (code: string) => void; onDiscount: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(props.applied);
  useEffect(() => setText(props.applied), [props.applied]);
  const apply = () => {
    if (text.trim() !== props.applied.trim()) props.onApply(text.trim());
  };
  const ok = props.applied !== "" && props.error === null && props.verified;
  // A member's own coupon (issue 17) is applied by its id: the box names it, not the id.
  const memberCoupon = MEMBER_COUPON_ID.test(props.applied.trim());
  return (
    <div class={`co-coupon ${props.error ? "field-invalid" : ""}`}>
      <div class="co-coupon-row">
        <span class={`co-coupon-box ${ok ? "ok" : ""}`}>
          <label class="sr-only" for="f-coupon">{t("checkout.coupon")}</label>
          <TicketIcon size={18} class="co-coupon-icon" />
          <input id="f-coupon" class="co-coupon-input mono" data-testid="cart-coupon" autocomplete="off"
            value={memberCoupon ? t("campaigns.appliedMemberCoupon") : text} readOnly={memberCoupon}
            style={memberCoupon ? { textTransform: "none" } : undefined}
            spellcheck={false} placeholder={t("checkout.couponPlaceholder")} disabled={props.disabled && props.applied === ""}
            aria-invalid={props.error ? true : undefined} aria-describedby="e-coupon"
            onInput={(e) => setText(e.currentTarget.value.toUpperCase())} onBlur={apply}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                apply();
              }
            }} />
          {ok ? <CheckIcon size={16} class="co-coupon-ok" /> : null}
          {props.applied !== "" ? (
            <button type="button" class="co-coupon-x" data-testid="cart-coupon-remove"
              aria-label={t("checkout.couponRemove")} title={t("checkout.couponRemove")}
              onMouseDown={(e) => e.preventDefault()} onClick={() => { setText(""); props.onApply(""); }}>
              <CloseIcon size={16} />
            </button>
          ) : (
            <button type="button" class="co-coupon-apply" data-testid="cart-coupon-apply"
              disabled={text.trim() === ""} onClick={apply}>{t("checkout.couponApply")}</button>
          )}
        </span>
        <button type="button" class="btn btn-secondary co-discount-btn" data-testid="cart-discount" disabled={props.disabled}
          onClick={props.onDiscount}>
          <LockIcon size={16} /> {t("checkout.manualDiscount")}
        </button>
      </div>
      {props.error ? (
        <div class="field-error" id="e-coupon" role="alert" data-testid="error-coupon">
          {props.error.code === "coupon_refused" && props.error.reason ? (
            <span data-reason={props.error.reason}>{couponReason(t, props.error.reason)}</span>
          ) : (
            <>
              <span>{t("checkout.couponInvalid")}</span>
              {props.error.message ? <span class="field-error-detail">{props.error.message}</span> : null}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

function Totals(props: Props) {
  const { t, money, count } = useI18n();
  const { quote, fresh, cart } = props;
  const empty = cart.lines.length === 0;
  const q = empty ? null : quote;
  const off = (fen: number) => (fen > 0 ? `−${money(fen)}` : money(0));
  return (
    <div class={`co-totals ${fresh || empty ? "" : "stale"}`} aria-live="polite">
      <dl class="co-breakdown">
        <div class="co-bd">
          <dt>{t("checkout.subtotal")}</dt>
          <dd class="mono" data-testid="cart-subtotal">{money(q?.subtotal ?? 0)}</dd>
        </div>
        {q && q.campaignDiscount > 0 ? (
          <div class="co-bd co-bd-off" data-testid="cart-campaign-discount">
            <dt>{t("campaignOffer.cart.memberPrice")}</dt>
            <dd class="mono">{off(q.campaignDiscount)}</dd>
          </div>
        ) : null}
        {q && q.tierDiscount > 0 && cart.member ? (
          <div class="co-bd co-bd-off" data-testid="cart-tier-discount">
            <dt>{t("checkout.tierDiscount", { tier: t(`tier.${cart.member.tier}`) })}</dt>
            <dd class="mono">{off(q.tierDiscount)}</dd>
          </div>
        ) : null}
        {q && q.couponDiscount > 0 ? (
          <div class="co-bd co-bd-off" data-testid="cart-coupon-discount">
            <dt class="truncate" title={cart.coupon.trim()}>{t("checkout.coupon")}</dt>
            <dd class="mono">{off(q.couponDiscount)}</dd>
          </div>
        ) : null}
        {cart.manualDiscount > 0 ? (
          <div class="co-bd co-bd-off">
            <dt class="co-bd-manual">
              {t("checkout.manualDiscount")}
              <button type="button" class="co-bd-x" data-testid="cart-discount-remove"
                aria-label={t("checkout.discountRemove")} title={t("checkout.discountRemove")} onClick={props.onClearDiscount}>
                <CloseIcon size={14} />
              </button>
            </dt>
            <dd class="mono" data-testid="cart-manual-discount">{off(q?.manualDiscount ?? cart.manualDiscount)}</dd>
          </div>
        ) : null}
      </dl>
      {props.approverName ? (
        <div class="co-approved" data-testid="cart-approved"><CheckIcon size={14} /> {t("checkout.approvedBy", { name: props.approverName })}</div>
      ) : null}
      <div class="co-grand">
        <span class="co-grand-label">
          <span>{t("checkout.totalLabel")}</span>
          {q && cart.member ? (
            <span class="co-earn">{t("checkout.pointsToEarn")} <b class="mono" data-testid="cart-points-to-earn">+{count(q.pointsToEarn)}</b></span>
          ) : null}
          {props.pending && !empty ? <span class="co-pricing muted">{t("checkout.pricing")}</span> : null}
        </span>
        <span class="co-grand-value mono" data-testid="cart-total" data-fresh={props.fresh ? "true" : "false"}>{money(q?.total ?? 0)}</span>
      </div>
    </div>
  );
}

/** A member coupon's id (a back-office code is 3–20 letters or digits: never this). */
const MEMBER_COUPON_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COUPON_REASONS = ["unknown", "ended", "not_yet_valid", "expired", "used_up", "used_up_by_member",
  "member_required", "tier_not_allowed", "min_spend"] as const;

/** Why the core refused a coupon, in the desk's words (`checkout::coupon_reason`). */
function couponReason(t: ReturnType<typeof useI18n>["t"], reason: string): string {
  // A member coupon (issue 17) named at another member's sale.
  if (reason === "not_hers") return t("campaigns.reason.notHers");
  const known = (COUPON_REASONS as readonly string[]).includes(reason);
  return known ? t(`catalog.couponReason.${reason as (typeof COUPON_REASONS)[number]}`) : t("checkout.couponInvalid");
}
