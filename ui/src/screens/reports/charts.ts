// Chart options drawn from a report's tables (the chart shows what the table beside it lists):
// a line over time, bars of a top N, the hour × weekday heat map, a split of payment methods.
// Money is charted in yuan (fen / 100) and labelled in the locale's words.
import type { ReportTable, ReportValue } from "../../lib/backend/bindings";
import { chartPalette, type ChartOption } from "../../components/chart";

const col = (t: ReportTable, key: string) => t.columns.findIndex((c) => c.key === key);
const num = (v: ReportValue | undefined) => (typeof v === "number" ? v : 0);
const str = (v: ReportValue | undefined) => (typeof v === "string" ? v : "");
const yuan = (fen: number) => Math.round(fen) / 100;

/** A line of `value` (money) over the `date` column. */
export function lineOption(t: ReportTable, value: string, name: string, dateLabel: (d: string) => string): ChartOption {
  const d = col(t, "date");
  const v = col(t, value);
  return {
    grid: { left: 56, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: t.rows.map((r) => dateLabel(str(r[d]))) },
    yAxis: { type: "value" },
    series: [{ type: "line", name, data: t.rows.map((r) => yuan(num(r[v]))), smooth: false, symbolSize: 6 }],
  };
}

/** Horizontal bars: `label` column by `value` (money), the largest on top. */
export function barsOption(t: ReportTable, label: string, value: string, name: string,
  labelOf: (v: string) => string = (x) => x): ChartOption {
  const l = col(t, label);
  const v = col(t, value);
  const rows = [...t.rows].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: rows.map((r) => labelOf(str(r[l]))), axisLabel: { width: 120, overflow: "truncate" } },
    series: [{ type: "bar", name, data: rows.map((r) => yuan(num(r[v]))), barMaxWidth: 24 }],
  };
}

/** A heat map's colours from the palette's lightest plum to its darkest: the app's colours, not
 *  ECharts' own yellow-to-red (and plain values where there is no page: unit tests). */
export function heatColours(): string[] {
  const p = typeof document === "undefined" ? [] : chartPalette();
  return ["#faf5f8", p[2] ?? "#e8cfde", p[0] ?? "#6b2b59"];
}

/** The heat map of sales by weekday (rows) × hour (columns). */
export function heatOption(t: ReportTable, weekdays: string[]): ChartOption {
  const w = col(t, "weekday");
  const h = col(t, "hour");
  const s = col(t, "sales");
  const data = t.rows.map((r) => [num(r[h]), Number(str(r[w])) - 1, num(r[s])]);
  const max = Math.max(1, ...data.map((x) => x[2] ?? 0));
  return {
    grid: { left: 56, right: 16, top: 8, bottom: 64 },
    tooltip: { position: "top" },
    xAxis: { type: "category", data: Array.from({ length: 24 }, (_, i) => `${i}`), splitArea: { show: true } },
    yAxis: { type: "category", data: weekdays, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0, max, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
      inRange: { color: heatColours() },
    },
    series: [{ type: "heatmap", data, label: { show: false } }],
  };
}

/** A ring of payment methods by amount (value consumed and money received alike). */
export function pieOption(t: ReportTable, labelOf: (method: string) => string): ChartOption {
  const m = col(t, "method");
  const a = col(t, "amount");
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0, type: "scroll" },
    series: [{
      type: "pie", radius: ["40%", "70%"], center: ["50%", "45%"],
      data: t.rows.filter((r) => num(r[a]) > 0).map((r) => ({ name: labelOf(str(r[m])), value: yuan(num(r[a])) })),
      label: { formatter: "{b}\n{d}%" },
    }],
  };
}
