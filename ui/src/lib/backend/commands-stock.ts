// The back office's stock and hours-and-rooms commands (see src-tauri/src/commands/stock.rs and
// schedule.rs). The core checks the permission; a refusal comes back as an ApiError.
import { call } from "./commands";
import type {
  AdjustInputDto, CountLineInput, CountSheetLineView, DayOffView, ReceiptInputDto, ResourceKind,
  RoomAdminView, RoomEditInput, StockMoveView, StockRowView, StockTakeView,
} from "./bindings";

export const stockOnHand = (category: string | null, lowOnly: boolean) =>
  call<StockRowView[]>("stock_on_hand", { category, lowOnly });
export const stockCategories = () => call<string[]>("stock_categories");
export const lowStockCount = () => call<number>("low_stock_count");
/** Returns the receipt's id. */
export const receiveGoods = (input: ReceiptInputDto) => call<string>("receive_goods", { input });
/** Returns the product's new on-hand. */
export const adjustStock = (input: AdjustInputDto) => call<number>("adjust_stock", { input });
export const countSheet = (category: string) => call<CountSheetLineView[]>("count_sheet", { category });
export const postStockTake = (category: string, counts: CountLineInput[]) =>
  call<StockTakeView>("post_stock_take", { category, counts });
export const stockHistory = (productId: string) => call<StockMoveView[]>("stock_history", { productId });

export const allRooms = () => call<RoomAdminView[]>("all_rooms");
export const updateRoom = (input: RoomEditInput) => call<RoomAdminView>("update_room", { input });
export const setRoomActive = (id: string, active: boolean) =>
  call<RoomAdminView>("set_room_active", { id, active });
export const daysOff = (staffId: string) => call<DayOffView[]>("days_off", { staffId });
export const addDayOff = (staffId: string, date: string, reason: string) =>
  call<DayOffView[]>("add_day_off", { staffId, date, reason });
export const removeDayOff = (staffId: string, date: string) =>
  call<DayOffView[]>("remove_day_off", { staffId, date });
export const setServiceResourceKind = (serviceId: string, kind: ResourceKind | null) =>
  call<null>("set_service_resource_kind", { serviceId, kind });

/** Stock changed here (a receipt, an adjustment, a stock take): the top bar's badge refreshes. */
export const STOCK_CHANGED = "salondesk:stock-changed";
export function announceStockChanged(): void {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(STOCK_CHANGED));
}
