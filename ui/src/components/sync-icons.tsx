// Line icons for sync: one per indicator state (with its text, never colour alone), waiting
// operations and conflicts.
import { Svg } from "./icons";

type P = { size?: number; class?: string };

const CLOUD = "M7 18a4.5 4.5 0 0 1-.6-9 6 6 0 0 1 11.5 1.6A3.8 3.8 0 0 1 17.5 18z";

export const CloudCheckIcon = (p: P) => <Svg {...p}><path d={CLOUD} /><path d="m9.5 13 2 2 3.5-3.5" /></Svg>;
export const CloudOffIcon = (p: P) => <Svg {...p}><path d="M7 18a4.5 4.5 0 0 1-.6-9M10 5.3A6 6 0 0 1 17.9 10.6 3.8 3.8 0 0 1 20 17.1" /><path d="M3 3l18 18" /></Svg>;
export const SyncArrowsIcon = (p: P) => <Svg {...p}><path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" /><path d="M4 3v5h5" /><path d="M4 13a8 8 0 0 0 14.3 4.9L20 16" /><path d="M20 21v-5h-5" /></Svg>;
export const MonitorIcon = (p: P) => <Svg {...p}><rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4" /></Svg>;
export const KeyAlertIcon = (p: P) => <Svg {...p}><circle cx="8" cy="15" r="4" /><path d="m11 12 8-8M16 7l3 3" /><path d="M19 15v3M19 20.5v.5" /></Svg>;
export const UploadIcon = (p: P) => <Svg {...p}><path d="M12 16V4M7 9l5-5 5 5" /><path d="M4 20h16" /></Svg>;
export const ConflictIcon = (p: P) => <Svg {...p}><path d="M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" /><path d="M12 9v4M12 17v.5" /></Svg>;
