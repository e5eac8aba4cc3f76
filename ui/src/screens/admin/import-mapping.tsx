// The import's column mapping: one column of the file per table column, its header, the field it
// goes to (a select the owner can change), and the file's first rows under it, so she sees what
// each column holds before choosing. Scrolls sideways inside its card at 1024 px.
import type { ImportField, ImportPreviewView } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";

export function fieldName(t: ReturnType<typeof useI18n>["t"], f: ImportField): string {
  return t(`import.field.${f}` as MessageKey);
}

export function ImportMapping(props: {
  preview: ImportPreviewView;
  mapping: (ImportField | null)[];
  onChange: (mapping: (ImportField | null)[]) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { preview, mapping } = props;
  const set = (col: number, value: string) => {
    const field = value === "" ? null : (value as ImportField);
    // A field goes to one column: choosing it here takes it from the column that had it.
    props.onChange(mapping.map((m, i) => (i === col ? field : m === field ? null : m)));
  };
  return (
    <div class="records-scroll import-mapping" data-testid="import-mapping">
      <table class="ledger-table records-table">
        <thead>
          <tr>
            {preview.headers.map((h, i) => (
              <th key={i} class="nowrap" data-testid="import-header">{h || t("import.column")}</th>
            ))}
          </tr>
          <tr>
            {preview.headers.map((_, i) => (
              <th key={i}>
                <select class="input import-select" data-testid={`import-map-${i}`} aria-label={t("import.goesTo")}
                  disabled={props.disabled} value={mapping[i] ?? ""} data-field={mapping[i] ?? ""}
                  onChange={(e) => set(i, e.currentTarget.value)}>
                  <option value="">{t("import.leaveOut")}</option>
                  {preview.fields.map((f) => <option key={f} value={f}>{fieldName(t, f)}</option>)}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r} data-testid="import-preview-row">
              {preview.headers.map((_, i) => (
                <td key={i} class={mapping[i] ? "nowrap" : "nowrap muted"}>{row[i] ?? ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
