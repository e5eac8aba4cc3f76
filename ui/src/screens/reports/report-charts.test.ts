import { describe, expect, it } from "vitest";
import type { ReportTable } from "../../lib/backend/bindings";
import { campaignChart, cohortChart, rfmMovesChart, slowChart, tierChart } from "./report-charts";

const t = (k: string) => k;
type Series = { name: string; data: unknown[] };
const series = (o: unknown) => (o as { series: Series[] }).series;

describe("report charts draw their tables", () => {
  it("tier bars are the table's two columns, tier by tier", () => {
    const table: ReportTable = {
      id: "members_tiers",
      columns: [{ key: "members_tier", kind: "code" }, { key: "members_active", kind: "count" }, { key: "members_all", kind: "count" }],
      rows: [["standard", 2, 5], ["gold", 0, 1]],
    };
    const o = tierChart(table, t) as { xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(["reports.code.members_tier.standard", "reports.code.members_tier.gold"]);
    expect(series(o).map((s) => s.data)).toEqual([[2, 0], [5, 1]]);
  });

  it("the cohort heat map has a cell per month with a figure, in percent", () => {
    const table: ReportTable = {
      id: "members_cohorts",
      columns: [{ key: "members_cohort", kind: "date" }, { key: "members_joined", kind: "count" },
        { key: "members_m0", kind: "percent" }, { key: "members_m1", kind: "percent" }],
      rows: [["2026-10-01", 4, 10000, 2500], ["2026-11-01", 3, 3333, null]],
    };
    expect(series(cohortChart(table, t))[0]?.data).toEqual([[0, 0, 100], [1, 0, 25], [0, 1, 33.33]]);
  });

  it("value-class moves leave the members who stayed out", () => {
    const table: ReportTable = {
      id: "members_rfm_moves",
      columns: [{ key: "members_from_class", kind: "code" }, { key: "members_to_class", kind: "code" }, { key: "members_count", kind: "count" }],
      rows: [["low_value", "low_value", 7], ["low_value", "at_risk", 2]],
    };
    expect(series(rfmMovesChart(table, t))[0]?.data).toEqual([2]);
  });

  it("money is charted in yuan", () => {
    const table: ReportTable = {
      id: "campaigns_results",
      columns: [{ key: "campaigns_name", kind: "text" }, { key: "campaigns_per_reached", kind: "money" }, { key: "campaigns_per_control", kind: "money" }],
      rows: [["春季回馈", 6030, 0]],
    };
    expect(series(campaignChart(table, t)).map((s) => s.data)).toEqual([[60.3], [0]]);
  });

  it("slow movers chart on hand and sold", () => {
    const table: ReportTable = {
      id: "stock_slow_movers",
      columns: [{ key: "stock_product", kind: "text" }, { key: "stock_on_hand", kind: "count" }, { key: "stock_sold", kind: "count" }],
      rows: [["补水面膜", 5, 0]],
    };
    expect(series(slowChart(table, t)).map((s) => s.data)).toEqual([[5], [0]]);
  });
});
