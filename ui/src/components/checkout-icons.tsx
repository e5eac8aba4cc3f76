// Line icons of the checkout (same 24×24 stroke style as icons.tsx): payment methods and the
// done panel.
import type { TenderInput } from "../lib/backend/bindings";
import { Svg } from "./icons";

type IconProps = { size?: number; class?: string };

export const CashIcon = (p: IconProps) => <Svg {...p}><rect x="2" y="6" width="20" height="12" rx="2" /><circle cx="12" cy="12" r="2.5" /><path d="M6 9v.01M18 15v.01" /></Svg>;
export const BankCardIcon = (p: IconProps) => <Svg {...p}><rect x="2" y="5" width="20" height="14" rx="2" /><path d="M2 10h20M6 15h4" /></Svg>;
export const WeChatPayIcon = (p: IconProps) => <Svg {...p}><path d="M9.5 4C5.4 4 2 6.8 2 10.2c0 1.9 1 3.6 2.7 4.7L4 17.5l2.9-1.5c.8.2 1.7.4 2.6.4" /><path d="M15.5 9.5c-3.6 0-6.5 2.3-6.5 5.2s2.9 5.2 6.5 5.2c.7 0 1.4-.1 2-.3l2.5 1.3-.6-2.2c1.6-1 2.6-2.4 2.6-4 0-2.9-2.9-5.2-6.5-5.2z" /><path d="M7 8.5v.01M12 8.5v.01M13.5 14v.01M17.5 14v.01" /></Svg>;
export const AlipayIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="3" width="18" height="18" rx="4" /><path d="M7 8h10M12 6v5M8.5 11h7c-.8 3.2-3.6 6-8 7M10 13.5c2.4 1.6 5.3 3 8 3.5" /></Svg>;
export const StoredValueIcon = (p: IconProps) => <Svg {...p}><path d="M19 7V5a1 1 0 0 0-1-1H5a2 2 0 0 0 0 4h15a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a2 2 0 0 1-2-2V6" /><circle cx="16.5" cy="13.5" r="1" /></Svg>;
export const PointsIcon = (p: IconProps) => <Svg {...p}><path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" /></Svg>;
export const DoneIcon = (p: IconProps) => <Svg {...p}><circle cx="12" cy="12" r="10" /><path d="m7 12.5 3.2 3.2L17 9" /></Svg>;
export const PrintIcon = (p: IconProps) => <Svg {...p}><path d="M7 9V3h10v6" /><rect x="3" y="9" width="18" height="8" rx="2" /><path d="M7 14h10v7H7z" /></Svg>;
export const ReceiptLinesIcon = (p: IconProps) => <Svg {...p}><path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" /><path d="M9 8h6M9 12h6M9 16h3" /></Svg>;
export const CartIcon = (p: IconProps) => <Svg {...p}><circle cx="9" cy="20" r="1.5" /><circle cx="18" cy="20" r="1.5" /><path d="M2 3h3l2.7 12.1a2 2 0 0 0 2 1.6h8.6a2 2 0 0 0 2-1.5L22 8H6" /></Svg>;
export const ScanIcon = (p: IconProps) => <Svg {...p}><path d="M3 7V4a1 1 0 0 1 1-1h3M17 3h3a1 1 0 0 1 1 1v3M21 17v3a1 1 0 0 1-1 1h-3M7 21H4a1 1 0 0 1-1-1v-3" /><path d="M7 8v8M10 8v8M13 8v8M16 8v8" /></Svg>;

export function TenderIcon(props: { kind: TenderInput["kind"]; size?: number }) {
  const p = { size: props.size ?? 22, class: `co-tender-icon co-tender-icon-${props.kind}` };
  switch (props.kind) {
    case "cash": return <CashIcon {...p} />;
    case "bank_card": return <BankCardIcon {...p} />;
    case "wechat_pay": return <WeChatPayIcon {...p} />;
    case "alipay": return <AlipayIcon {...p} />;
    case "stored_value": return <StoredValueIcon {...p} />;
    case "points": return <PointsIcon {...p} />;
  }
}
