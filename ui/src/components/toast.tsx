import { useEffect } from "preact/hooks";
import { CheckIcon } from "./icons";

/** A short confirmation at the bottom of the screen that goes away by itself. */
export function Toast(props: { text: string; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(props.onDone, 4000);
    return () => clearTimeout(timer);
  }, [props.text]);
  return (
    <div class="toast" role="status" data-testid="toast">
      <CheckIcon size={18} />
      <span>{props.text}</span>
    </div>
  );
}
