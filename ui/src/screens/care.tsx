// The care list (回访/关怀, issue 17, part "care"): SKELETON, replaced by that part.
// Today's care tasks for the store ("mine" for a beautician), worked at the desk.
import type { Session } from "../lib/backend/bindings";
import type { Route } from "../lib/route";

type Props = { session: Session; onNavigate: (route: Route) => void; notify: (text: string) => void };

export function Care(_props: Props) {
  return <main class="screen" data-testid="care-screen" />;
}
