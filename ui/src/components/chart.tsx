// One chart: Apache ECharts (loaded on demand: `echarts-setup.ts`), tree-shaken to the chart kinds
// the reports draw (line, bar, heat map, pie) and drawn as SVG, so Chinese text is the page's own font, the chart is sharp at any
// zoom and prints. Colours come from the app's tokens (tokens.css), read once, so charts follow
// the visual system. The chart is always beside its table (the numbers one look away); this
// component only draws.
import { useEffect, useRef } from "preact/hooks";
import type { EChartsCoreOption, EChartsType } from "echarts/core";

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
  const chart = useRef<EChartsType | null>(null);
  const option = useRef(props.option);
  option.current = props.option;
  useEffect(() => {
    let live = true;
    let ro: ResizeObserver | null = null;
    void import("./echarts-setup").then(({ echarts }) => {
      if (!live || !host.current) return;
      const c = echarts.init(host.current, undefined, { renderer: "svg" });
      chart.current = c;
      c.setOption({ ...baseOption(), ...option.current }, { notMerge: true });
      ro = new ResizeObserver(() => c.resize());
      ro.observe(host.current);
    });
    return () => {
      live = false;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ ...baseOption(), ...props.option }, { notMerge: true });
  }, [props.option]);
  // What the chart draws, on the element: tests compare it with the table beside it.
  const series = (props.option as { series?: { data?: unknown }[] }).series;
  const drawn = Array.isArray(series) ? JSON.stringify(series.map((x) => x.data ?? null)) : "";
  return (
    <div class="chart" ref={host} role="img" aria-label={props.label} data-testid={props.testId}
      data-series={drawn} style={{ height: `${props.height ?? 280}px` }} />
  );
}
