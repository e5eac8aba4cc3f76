// Line icons of the shift, sales and printer screens (same 24×24 stroke style as icons.tsx).
import { Svg } from "./icons";

type IconProps = { size?: number; class?: string };

export const ReceiptIcon = (p: IconProps) => <Svg {...p}><path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" /><path d="M9 8h6M9 12h6M9 16h3" /></Svg>;
export const ShiftIcon = (p: IconProps) => <Svg {...p}><circle cx="12" cy="13" r="8" /><path d="M12 9v4l2.5 2.5M9 2h6" /></Svg>;
export const PrinterIcon = (p: IconProps) => <Svg {...p}><path d="M7 9V3h10v6" /><rect x="3" y="9" width="18" height="8" rx="2" /><path d="M7 14h10v7H7z" /></Svg>;
export const DrawerIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="4" width="18" height="8" rx="1.5" /><path d="M2 12h20v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" /><path d="M10 16h4" /></Svg>;
export const PayInIcon = (p: IconProps) => <Svg {...p}><circle cx="12" cy="12" r="9" /><path d="M12 8v8M8 12h8" /></Svg>;
export const PayOutIcon = (p: IconProps) => <Svg {...p}><circle cx="12" cy="12" r="9" /><path d="M8 12h8" /></Svg>;
export const RefreshIcon = (p: IconProps) => <Svg {...p}><path d="M20 11a8 8 0 0 0-14.6-4.5L3 9" /><path d="M3 4v5h5" /><path d="M4 13a8 8 0 0 0 14.6 4.5L21 15" /><path d="M21 20v-5h-5" /></Svg>;
export const RefundIcon = (p: IconProps) => <Svg {...p}><path d="M9 14 4 9l5-5" /><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" /></Svg>;
export const VoidIcon = (p: IconProps) => <Svg {...p}><circle cx="12" cy="12" r="9" /><path d="m5.6 5.6 12.8 12.8" /></Svg>;
export const CashierIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="11" width="18" height="9" rx="1.5" /><path d="M6 11V5h8v6M14 7h4v4M7 15h2M11 15h2M15 15h2" /></Svg>;
export const GiftIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="8" width="18" height="4" rx="1" /><path d="M5 12v8h14v-8M12 8v12M12 8S10.5 4 8 4a2 2 0 0 0 0 4M12 8s1.5-4 4-4a2 2 0 0 1 0 4" /></Svg>;
export const WalletIcon = (p: IconProps) => <Svg {...p}><path d="M19 7V5a1 1 0 0 0-1-1H5a2 2 0 0 0 0 4h15a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a2 2 0 0 1-2-2V6" /><circle cx="16.5" cy="13.5" r="1" /></Svg>;
export const StarIcon = (p: IconProps) => <Svg {...p}><path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" /></Svg>;
export const TicketIcon = (p: IconProps) => <Svg {...p}><path d="M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4z" /><path d="M14 6v12" stroke-dasharray="2 2" /></Svg>;
