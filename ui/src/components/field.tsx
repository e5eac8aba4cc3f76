// One labelled form control with its hint and its error, which sits right under the control.
import type { ComponentChildren } from "preact";

export type FieldError = { text: string; detail?: string | null; action?: ComponentChildren };

type Props = {
  /** The form field's id: the control's DOM id is `f-<id>`, its error's test id `error-<id>`. */
  id: string;
  label: string;
  hint?: string;
  error?: FieldError | undefined;
  wide?: boolean;
  children: ComponentChildren;
};

export function Field(props: Props) {
  const { id, error } = props;
  return (
    <div class={`field ${props.wide ? "field-wide" : ""} ${error ? "field-invalid" : ""}`}>
      <label class="field-label" for={`f-${id}`}>{props.label}</label>
      {props.children}
      {error ? (
        <div class="field-error" id={`e-${id}`} role="alert" data-testid={`error-${id}`}>
          <span>{error.text}</span>
          {error.detail ? <span class="field-error-detail">{error.detail}</span> : null}
          {error.action}
        </div>
      ) : props.hint ? (
        <div class="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}
