// The charts of the members, campaigns and stock tabs, built from the very tables shown beside
// them (pure functions: a test checks a chart says what its table says). Money is charted in
// yuan, percentages in percent; codes and headers are put in words by the caller's `t`.
import type { ReportTable, ReportValue } from "../../lib/backend/bindings";
import type { ChartOption } from "../../components/chart";
import { heatColours } from "./charts";

type Words = (key: string) => string;

/** A column's values by its key. */
export function column(table: ReportTable, key: string): ReportValue[] {
  const i = table.columns.findIndex((c) => c.key === key);
  return i < 0 ? [] : table.rows.map((r) => r[i] ?? null);
}

const num = (v: ReportValue) => (typeof v === "number" ? v : 0);
const yuan = (v: ReportValue) => num(v) / 100;
const code = (t: Words, key: string) => (v: ReportValue) => t(`reports.code.${key}.${String(v)}`);

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Bars per category (x) for each series column. */
function bars(t: Words, labels: string[], table: ReportTable, series: string[], money = false, horizontal = false): ChartOption {
  const cat = { type: "category", data: labels, axisLabel: { interval: 0, hideOverlap: true } };
  // Counts step in whole members or units; money in yuan may not.
  const val = money ? { type: "value" } : { type: "value", minInterval: 1 };
  return {
    grid,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: series.map((key) => ({
      type: "bar",
      name: t(`reports.col.${key}`),
      data: column(table, key).map(money ? yuan : num),
    })),
  };
}

/** Members by tier: those who came in the period beside the whole book. */
export function tierChart(table: ReportTable, t: Words): ChartOption {
  const labels = column(table, "members_tier").map(code(t, "members_tier"));
  return bars(t, labels, table, ["members_active", "members_all"]);
}

/** Retention cohorts as a heat map: join month (rows) × months after (columns), % who came. */
export function cohortChart(table: ReportTable, t: Words): ChartOption {
  const months = table.columns.filter((c) => /^members_m\d+$/.test(c.key));
  const cohorts = column(table, "members_cohort").map((v) => String(v).slice(0, 7));
  const data: [number, number, number][] = [];
  table.rows.forEach((_, y) => {
    months.forEach((m, x) => {
      const v = column(table, m.key)[y];
      if (typeof v === "number") data.push([x, y, v / 100]);
    });
  });
  return {
    grid: { ...grid, bottom: 48 },
    tooltip: { position: "top" },
    xAxis: { type: "category", data: months.map((m) => t(`reports.col.${m.key}`)), splitArea: { show: true } },
    yAxis: { type: "category", data: cohorts, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
      inRange: { color: heatColours() },
    },
    series: [{ type: "heatmap", name: t("reports.table.members_cohorts"), data, label: { show: true, formatter: (p: { value: number[] }) => `${Math.round(p.value[2] ?? 0)}` } }],
  };
}

/** Members per value class (RFM) now. */
export function rfmChart(table: ReportTable, t: Words): ChartOption {
  const labels = column(table, "members_rfm_class").map(code(t, "members_rfm_class"));
  return bars(t, labels, table, ["members_count"]);
}

/** Moves between value classes (stays left out): one bar per "from → to". */
export function rfmMovesChart(table: ReportTable, t: Words): ChartOption {
  const from = column(table, "members_from_class");
  const to = column(table, "members_to_class");
  const rows = table.rows.filter((_, i) => from[i] !== to[i]);
  const moved: ReportTable = { ...table, rows };
  const labels = column(moved, "members_from_class").map((f, i) =>
    `${code(t, "members_from_class")(f)} → ${code(t, "members_to_class")(column(moved, "members_to_class")[i] ?? null)}`);
  return bars(t, labels, moved, ["members_count"], false, true);
}

/** Per campaign: spend per reached member against per held-out member (yuan). */
export function campaignChart(table: ReportTable, t: Words): ChartOption {
  const labels = column(table, "campaigns_name").map(String);
  return bars(t, labels, table, ["campaigns_per_reached", "campaigns_per_control"], true);
}

/** Discount given per coupon code (yuan). */
export function couponChart(table: ReportTable, t: Words): ChartOption {
  const labels = column(table, "campaigns_coupon").map(String);
  return bars(t, labels, table, ["campaigns_discount"], true);
}

/** Slow movers: on hand beside sold in the period, slowest first. */
export function slowChart(table: ReportTable, t: Words): ChartOption {
  const labels = column(table, "stock_product").map(String);
  return bars(t, labels, table, ["stock_on_hand", "stock_sold"], false, true);
}
