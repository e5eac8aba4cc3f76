// What every back-office section is handed by the back-office screen.
import type { Session } from "../../lib/backend/bindings";
import type { Route } from "../../lib/route";

export type AdminProps = {
  session: Session;
  onNavigate: (route: Route) => void;
  /** Shows a short confirmation toast ("Saved"). */
  notify: (text: string) => void;
};
