// "Getting started" (开店向导) at the top of the back office: the steps a new store takes
// before it can sell — staff besides the owner, services, products, and optionally top-up
// and package plans — or demo data instead, on a till that may still take it. Hidden once
// staff, services and products exist (or when the progress cannot be read: it only helps).
import { useEffect, useState } from "preact/hooks";
import type { SetupProgressView } from "../lib/backend/bindings";
import { setupProgress } from "../lib/backend/commands-staff-admin";
import { useI18n, type MessageKey } from "../lib/i18n";
import type { AdminSection, Route } from "../lib/route";

export function GettingStarted(props: {
  onNavigate: (r: Route) => void; section: AdminSection;
  /** Counts the back office's saves: each may tick a step. */
  changes: number;
}) {
  const { t } = useI18n();
  const [p, setP] = useState<SetupProgressView | null>(null);
  // Read again on each section change and each save: adding staff or a service ticks its step.
  useEffect(() => {
    setupProgress().then(setP, () => setP(null));
  }, [props.section, props.changes]);
  if (!p || p.done) return null;

  const steps: Array<[AdminSection, MessageKey, boolean, boolean]> = [
    ["staff", "staffAdmin.start.staff", p.staff > 0, false],
    ["services", "staffAdmin.start.services", p.services > 0, false],
    ["products", "staffAdmin.start.products", p.products > 0, false],
    ["plans", "staffAdmin.start.plans", p.plans > 0, true],
  ];
  return (
    <section class="card getting-started" data-testid="getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title" class="section-title">{t("staffAdmin.start.title")}</h2>
      <p class="muted">{t("staffAdmin.start.intro")}</p>
      <ol class="start-steps">
        {steps.map(([section, label, done, optional]) => (
          <li key={section} class={done ? "done" : ""} data-testid={`start-${section}`} data-done={done ? "true" : "false"}>
            <span class="start-check" aria-hidden="true">{done ? "✓" : ""}</span>
            <button type="button" class="btn btn-ghost start-link" onClick={() => props.onNavigate({ name: "admin", section })}>
              {t(label)}
            </button>
            {optional ? <span class="pill">{t("staffAdmin.start.optional")}</span> : null}
            {done ? <span class="sr-only">{t("staffAdmin.start.done")}</span> : null}
          </li>
        ))}
      </ol>
      {p.demoAllowed ? (
        <p class="start-demo">
          {t("staffAdmin.start.demo")}{" "}
          <button type="button" class="btn btn-secondary btn-small" data-testid="start-demo"
            onClick={() => props.onNavigate({ name: "settings" })}>{t("staffAdmin.start.demoLink")}</button>
        </p>
      ) : null}
    </section>
  );
}
