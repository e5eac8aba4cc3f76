// Where the signed-in app is, and who may do what there.
import type { Session } from "./backend/bindings";

export type Prefill = { name?: string; phone?: string };

export type Route =
  | { name: "lookup" }
  | { name: "profile"; id: string }
  | { name: "new"; prefill?: Prefill }
  | { name: "edit"; id: string }
  | { name: "settings" }
  | { name: "checkout"; memberId?: string; appointmentId?: string }
  | { name: "appointments"; date?: string }
  | { name: "shift" }
  | { name: "sales"; saleId?: string }
  | { name: "conflicts" };

/** May archive and merge members and load demo data (owner, manager); the backend says. */
export function canManage(session: Session): boolean {
  return session.canManage;
}
