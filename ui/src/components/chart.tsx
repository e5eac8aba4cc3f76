// One chart: Apache ECharts, tree-shaken to the chart kinds the reports draw (line, bar, heat
// map, pie) and drawn as SVG, so Chinese text is the page's own font, the chart is sharp at any
// zoom and prints. Colours come from the app's tokens (tokens.css), read once, so charts follow
// the visual system. The chart is always beside its table (the numbers one look away); this
// component only draws.
import { useEffect, useRef } from "preact/hooks";
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import {
  DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";

echarts.use([
  BarChart, HeatmapChart, LineChart, PieChart,
  DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = EChartsCoreOption;

/** The series colours, from the tokens: plum first, then rose, then the neutrals' darker steps. */
export function chartPalette(): string[] {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return [
    v("--plum-700", "#6b2b59"), v("--rose-500", "#c45a7c"), v("--plum-200", "#e8cfde"),
    v("--sand-700", "#6f6059"), v("--plum-900", "#34152b"), v("--sand-300", "#d9cbbf"),
  ];
}

/** The text style every chart uses: the app's font and ink. */
function baseOption(): EChartsCoreOption {
  const css = getComputedStyle(document.documentElement);
  return {
    color: chartPalette(),
    textStyle: {
      fontFamily: css.getPropertyValue("--font-sans").trim() || "sans-serif",
      color: css.getPropertyValue("--text").trim() || "#2b2126",
    },
    animation: false,
  };
}

type Props = {
  option: ChartOption;
  /** Pixels; the width follows the container. */
  height?: number;
  testId: string;
  /** What the chart shows, for screen readers (its table beside it has the numbers). */
  label: string;
};

export function Chart(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const c = echarts.init(host.current, undefined, { renderer: "svg" });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ ...baseOption(), ...props.option }, { notMerge: true });
  }, [props.option]);
  return (
    <div class="chart" ref={host} role="img" aria-label={props.label} data-testid={props.testId}
      style={{ height: `${props.height ?? 280}px` }} />
  );
}
