// A modal: dims the screen, keeps Esc to itself (so the screen behind does not also react)
// and focuses its first control.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../lib/i18n";
import { Kbd } from "./kbd";

type Props = {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  actions?: ComponentChildren;
  testId?: string;
  wide?: boolean;
};

export function Dialog(props: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const latestClose = useRef(props.onClose);
  latestClose.current = props.onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const order = ["[data-autofocus]", "input", ".dialog-actions button"];
    const first = order.map((sel) => box.current?.querySelector<HTMLElement>(sel)).find((el) => el);
    first?.focus();
    // Esc closes the dialog wherever focus is (even on <body> after a control inside it went
    // away), and nothing behind the dialog sees that Esc.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      e.preventDefault();
      latestClose.current();
    };
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      previous?.focus?.();
    };
  }, []);

  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div ref={box} class={`dialog ${props.wide ? "dialog-wide" : ""}`} role="dialog" aria-modal="true"
        aria-labelledby="dialog-title" data-testid={props.testId}>
        <header class="dialog-header">
          <h2 id="dialog-title">{props.title}</h2>
          <button type="button" class="btn btn-ghost btn-small" onClick={props.onClose} aria-label={t("common.close")}>
            <Kbd keys="Esc" />
          </button>
        </header>
        <div class="dialog-body">{props.children}</div>
        {props.actions ? <footer class="dialog-actions">{props.actions}</footer> : null}
      </div>
    </div>
  );
}
